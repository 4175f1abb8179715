from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        """Lets an upload route read a file over Werkzeug's 10 MB in-memory form limit.

        Beyond that limit the whole request fails before the route runs, and the person sees a
        server error instead of the message saying the file is too large and what to do.
        """
        super()._pre_dispatch(rule, args)
        limit = rule.endpoint.routing.get("parcours_form_limit")
        if limit:
            request.httprequest._HTTPRequest__wrapped.max_form_memory_size = limit
