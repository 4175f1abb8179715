from odoo import fields, models


class ParcoursReleveAmend(models.TransientModel):
    _name = "parcours.releve.amend"
    _description = "Amend a validated decision record"
    _inherit = ["parcours.wizard.mixin"]

    releve_id = fields.Many2one("parcours.releve", required=True, readonly=True)
    reason = fields.Text(string="What the amendment corrects", required=True)

    def action_amend(self):
        """Creates the corrected copy; the signed original is kept."""
        self.ensure_one()
        amendment = self.releve_id.action_amend(self.reason)
        return {
            "type": "ir.actions.act_window",
            "res_model": "parcours.releve",
            "res_id": amendment.id,
            "view_mode": "form",
        }
