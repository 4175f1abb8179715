from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.parcours_commission import KINDS


class ParcoursCommissionPlan(models.TransientModel):
    _name = "parcours.commission.plan"
    _description = "Plan a period of commission sessions"
    _inherit = ["parcours.wizard.mixin"]

    site_id = fields.Many2one("parcours.site", required=True)
    date_from = fields.Date(string="From", required=True, default=lambda self: fields.Date.context_today(self))
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(months=3, days=-1),
    )
    kind = fields.Selection(KINDS, default="technical", required=True)
    preview = fields.Text(compute="_compute_preview", string="Sessions to create")

    @api.depends("site_id", "date_from", "date_to")
    def _compute_preview(self):
        """Lists the days the rhythm gives, so the secretary checks them before creating."""
        for wizard in self:
            if not (wizard.site_id and wizard.date_from and wizard.date_to) or wizard.date_to < wizard.date_from:
                wizard.preview = False
                continue
            days = wizard.site_id._new_session_dates(wizard.date_from, wizard.date_to)
            wizard.preview = ", ".join(fields.Date.to_string(d) for d in days) or self.env._("No new session.")

    def action_plan(self):
        """Creates the sessions of the period from the site's rhythm, skipping holidays and existing sessions."""
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The end of the period must come after its start."))
        if (self.date_to - self.date_from).days > 400:
            raise UserError(self.env._("Plan at most a year at once."))
        commissions = self.site_id._plan_sessions(self.date_from, self.date_to, self.kind)
        if not commissions:
            raise UserError(
                self.env._("The rhythm of %(site)s gives no new session in this period.", site=self.site_id.name)
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Planned sessions"),
            "res_model": "parcours.commission",
            "view_mode": "list,calendar,form",
            "domain": [("id", "in", commissions.ids)],
        }
