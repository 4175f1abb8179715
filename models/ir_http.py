from odoo import models
from odoo.http import request


def set_form_memory_limit(httprequest, limit):
    """Raises Werkzeug's in-memory form limit (10 MB in Odoo) for one request.

    Odoo's HTTPRequest wraps Werkzeug's request and exposes neither the request nor this setting; the name
    below is the wrapper's private attribute, reached here and nowhere else. A test
    (test_instance.TestFormLimit) fails if an Odoo update renames it.
    """
    httprequest._HTTPRequest__wrapped.max_form_memory_size = limit


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        """Lets an upload route (``parcours_form_limit`` in its routing) read a file over the in-memory limit.

        Beyond that limit the whole request fails before the route runs, and the person sees a
        server error instead of the message saying the file is too large and what to do.
        """
        result = super()._pre_dispatch(rule, args)
        limit = rule.endpoint.routing.get("parcours_form_limit")
        if limit:
            set_form_memory_limit(request.httprequest, limit)
        return result
