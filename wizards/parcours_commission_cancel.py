from odoo import fields, models


class ParcoursCommissionCancel(models.TransientModel):
    _name = "parcours.commission.cancel"
    _description = "Cancel a commission session"
    _inherit = ["parcours.wizard.mixin"]

    commission_id = fields.Many2one("parcours.commission", required=True, readonly=True)
    passage_count = fields.Integer(related="commission_id.passage_count")
    reason = fields.Text(required=True)

    def action_cancel(self):
        """Cancels the session; each situation on its agenda gets an activity to reschedule."""
        self.ensure_one()
        self.commission_id._cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
