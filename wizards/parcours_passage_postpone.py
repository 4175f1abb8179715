from odoo import api, fields, models


class ParcoursPassagePostpone(models.TransientModel):
    _name = "parcours.passage.postpone"
    _description = "Hold or postpone a passage when the family is absent"
    _inherit = ["parcours.wizard.mixin"]

    passage_id = fields.Many2one("parcours.passage", required=True, readonly=True)
    family_attendance = fields.Selection(related="passage_id.family_attendance")
    decision = fields.Selection(
        [("postpone", "Postpone to another session"), ("hold", "Hold the passage without the family")],
        required=True,
        default="postpone",
    )
    target_commission_id = fields.Many2one(
        "parcours.commission",
        string="New session",
        compute="_compute_target_commission_id",
        store=True,
        readonly=False,
        help="The next session of the site with room left is proposed; leave empty to ask the secretariat later.",
    )
    site_id = fields.Many2one(related="passage_id.site_id")
    reason = fields.Text(required=True)

    @api.depends("passage_id", "decision")
    def _compute_target_commission_id(self):
        """Proposes the site's next session that still has room."""
        for wizard in self:
            commission = wizard.passage_id.commission_id
            wizard.target_commission_id = (
                wizard.decision == "postpone" and commission and commission._next_free_session()
            )

    def action_confirm(self):
        """Records the pilot's choice and its reason."""
        self.ensure_one()
        new = self.passage_id._postpone(self.target_commission_id, self.reason, decision=self.decision)
        if not new:
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "parcours.passage",
            "res_id": new.id,
            "view_mode": "form",
        }
