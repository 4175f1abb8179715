from odoo import models


class MailActivity(models.Model):
    """A situation's activities are part of its file: read by the professionals who follow it and by the
    person each is assigned to."""

    _name = "mail.activity"
    _inherit = ["mail.activity", "parcours.attached.mixin"]
    _parcours_guarded_models = ("parcours.case",)

    def _parcours_own_domain(self):
        return [("user_id", "=", self.env.uid)]
