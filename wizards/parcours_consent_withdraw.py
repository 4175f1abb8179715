from odoo import fields, models


class ParcoursConsentWithdraw(models.TransientModel):
    _name = "parcours.consent.withdraw"
    _description = "Withdraw a consent"
    _inherit = ["parcours.wizard.mixin"]

    consent_id = fields.Many2one("parcours.consent", required=True, readonly=True)
    date = fields.Date(string="Withdrawn on", required=True, default=fields.Date.context_today)
    reason = fields.Text(help="In the person's words, if they wish.")

    def action_withdraw(self):
        """Records the withdrawal; access follows at once."""
        self.ensure_one()
        self.consent_id.action_withdraw(reason=self.reason, date=self.date)
        return self.consent_id._closing_action() or {"type": "ir.actions.act_window_close"}
