from odoo import models


class MailFollowers(models.Model):
    """Who follows a record of the addon is itself need-to-know: read by who may read the record, and
    one's own subscriptions. The chatter reads the followers of a readable record as the system."""

    _name = "mail.followers"
    _inherit = ["mail.followers", "parcours.attached.mixin"]
    _parcours_guarded_models = (
        "parcours.case",
        "parcours.commission",
        "parcours.objective",
        "parcours.person.space",
        "parcours.portal.request",
        "parcours.projet",
        "parcours.releve",
    )

    def _parcours_own_domain(self):
        return [("partner_id", "=", self.env.user.partner_id.id)]
