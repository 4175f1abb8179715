from odoo import api, fields, models


class ParcoursCommissionSchedule(models.TransientModel):
    _name = "parcours.commission.schedule"
    _description = "Add requested situations to a session"
    _inherit = ["parcours.wizard.mixin"]

    commission_id = fields.Many2one("parcours.commission", required=True, readonly=True)
    site_id = fields.Many2one(related="commission_id.site_id")
    passage_ids = fields.Many2many(
        "parcours.passage",
        string="Requests",
        domain="[('state', '=', 'requested'), ('site_id', '=', site_id)]",
    )
    free_places = fields.Integer(compute="_compute_free_places")

    @api.depends("commission_id.passage_count", "passage_ids")
    def _compute_free_places(self):
        """Room left after the selected requests, against the site's usual number."""
        for wizard in self:
            wizard.free_places = (
                wizard.commission_id.capacity - wizard.commission_id.passage_count - len(wizard.passage_ids)
            )

    def action_schedule(self):
        """Puts the selected requests on the agenda, one slot after another."""
        self.ensure_one()
        self.passage_ids.write({"commission_id": self.commission_id.id})
        return {"type": "ir.actions.act_window_close"}
