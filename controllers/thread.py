from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers.thread import ThreadController


class ParcoursThreadController(ThreadController):
    @http.route()
    def read_subscription_data(self, follower_id):
        """Odoo reads the follower as the system: the caller must first be allowed to read that subscription
        (their own, or one on a record they may read)."""
        request.env["mail.followers"].browse(int(follower_id)).check_access("read")
        return super().read_subscription_data(follower_id)
