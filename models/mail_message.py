from odoo import models


class MailMessage(models.Model):
    """A situation's messages are read by the professionals who follow it, and by their authors."""

    _name = "mail.message"
    _inherit = ["mail.message", "parcours.attached.mixin"]
    _parcours_res_model_field = "model"
    _parcours_guarded_models = ("parcours.case",)

    def _parcours_own_domain(self):
        return [("author_id", "=", self.env.user.partner_id.id)]
