from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ParcoursLegalHold(models.Model):
    """Keeps a situation past its retention, for a stated reason (a procedure, a court's request), set by the
    data protection officer who names it by its reference."""

    _name = "parcours.legal.hold"
    _description = "Legal hold on a situation"
    _inherit = ["parcours.anchor.mixin"]
    _parcours_anchor_fields = ("case_reference", "case_id", "reason")
    _parcours_system_fields = ("set_by_id", "date")
    _order = "date desc, id desc"
    _rec_name = "case_reference"

    case_reference = fields.Char(
        string="Reference", required=True, help="The situation's reference, e.g. RP/2026/0001."
    )
    case_id = fields.Many2one(
        "parcours.case",
        string="Situation",
        compute="_compute_case_id",
        store=True,
        compute_sudo=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="case_id.company_id", store=True, string="Organisation")
    reason = fields.Text(required=True, help="Why the situation must be kept, and until when if known.")
    date = fields.Date(string="Set on", required=True, default=fields.Date.context_today, readonly=True)
    set_by_id = fields.Many2one(
        "res.users", string="Set by", required=True, readonly=True, default=lambda self: self.env.user
    )
    active = fields.Boolean(default=True, help="Archive the hold when it is lifted: the retention applies again.")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_system_vals(vals_list)
        for vals in vals_list:
            if vals.get("case_id") and not vals.get("case_reference"):
                vals["case_reference"] = self.env["parcours.case"].sudo().browse(vals["case_id"]).name
        return super().create(vals_list)

    @api.depends("case_reference")
    def _compute_case_id(self):
        """The situation with that exact reference."""
        references = {(hold.case_reference or "").strip() for hold in self}
        cases = {case.name: case for case in self.env["parcours.case"].search([("name", "in", list(references))])}
        for hold in self:
            hold.case_id = cases.get((hold.case_reference or "").strip(), False)

    @api.constrains("case_id", "case_reference")
    def _check_case(self):
        for hold in self:
            if not hold.case_id:
                raise ValidationError(
                    self.env._("No situation has the reference %(reference)s.", reference=hold.case_reference)
                )
            if not (hold.reason or "").strip():
                raise ValidationError(self.env._("Say why the situation is kept."))
