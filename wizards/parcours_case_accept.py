from odoo import fields, models


class ParcoursCaseAccept(models.TransientModel):
    """Accepting a situation followed by fewer than two professionals of different fields: the guide reserves
    the approach to complex situations, so the professional confirms, and who confirmed is kept."""

    _name = "parcours.case.accept"
    _description = "Accept a situation below the eligibility threshold"
    _inherit = ["parcours.wizard.mixin"]

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, readonly=True)
    field_count = fields.Integer(related="case_id.eligibility_field_count", string="Fields of the professionals")
    note = fields.Text(string="Why the approach is still proposed")

    def action_confirm(self):
        """Accepts the situation all the same; the confirmation, its author and the reason are recorded."""
        self.ensure_one()
        self.case_id.with_context(parcours_ask_eligibility=False, parcours_eligibility_note=self.note).action_accept()
        return {"type": "ir.actions.act_window_close"}
