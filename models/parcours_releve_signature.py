from odoo import api, fields, models


class ParcoursReleveSignature(models.Model):
    _name = "parcours.releve.signature"
    _description = "Signature of a decision record"
    _inherit = ["parcours.anchor.mixin", "parcours.locked.mixin"]
    _parcours_anchor_fields = ("releve_id",)
    _lock_parent_field = "releve_id"
    _order = "releve_id, role_order, id"

    releve_id = fields.Many2one("parcours.releve", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Signer", required=True, index=True)
    name = fields.Char(compute="_compute_name", store=True, compute_sudo=True)
    role = fields.Selection(
        [("family", "The family"), ("referent", "Référent de parcours"), ("pilot", "Pilot"), ("partner", "Partner")],
        required=True,
    )
    role_order = fields.Integer(compute="_compute_role_order", store=True)
    required = fields.Boolean(default=True, help="The family, the pilot, the référent and the partners present sign.")
    signature = fields.Binary(attachment=True, copy=False)
    signed_on = fields.Datetime(readonly=True, copy=False)
    captured_by_id = fields.Many2one("res.users", string="Captured by", readonly=True, copy=False)
    refused = fields.Boolean(string="Refuses to sign", copy=False)
    refusal_note = fields.Char(string="In their words", copy=False)

    @api.depends("partner_id.name")
    def _compute_name(self):
        """The signer's name as printed, readable by whoever reads the record."""
        for line in self:
            line.name = line.partner_id.name

    @api.depends("role")
    def _compute_role_order(self):
        """The family first, as on the paper form."""
        order = {"family": 0, "pilot": 1, "partner": 2, "referent": 3}
        for line in self:
            line.role_order = order.get(line.role, 9)

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._stamp(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._stamp(vals))

    def _locked_message(self, operation):
        """Signatures are kept with the record they signed."""
        return self.env._("The decision record is validated: its signatures no longer change.")

    def _locked_add_message(self, parents):
        return self._locked_message("create")

    def _stamp(self, vals):
        """Records when and by whom a signature was captured; clearing it clears the time."""
        if "signature" in vals:
            vals = {
                **vals,
                "signed_on": vals["signature"] and fields.Datetime.now(),
                "captured_by_id": vals["signature"] and self.env.user.id,
            }
        if vals.get("refused"):
            vals = {**vals, "signature": False, "signed_on": False}
        return vals
