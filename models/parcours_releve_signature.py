from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    absent = fields.Boolean(
        string="Absent — held without the family",
        compute="_compute_absent",
        store=True,
        readonly=False,
        copy=False,
        help="The family did not come and the pilot decided to hold the passage without them: their line is "
        "accounted for without a signature, and the signed record is still sent to them.",
    )
    may_be_absent = fields.Boolean(
        string="Family may be absent",
        compute="_compute_may_be_absent",
        compute_sudo=True,
        help="The family's line of a passage held without the family.",
    )

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

    @api.depends("role", "releve_id.passage_id.absence_decision", "releve_id.passage_id.family_attendance")
    def _compute_absent(self):
        """The family's line of a draft record is marked absent once the passage is held without them."""
        for line in self:
            if line.releve_id.state not in (False, "draft"):
                continue  # a signed record keeps its lines as they were signed
            line.absent = line._held_without_family() and not (line.signature or line.refused)

    @api.depends("role", "releve_id.passage_id.absence_decision", "releve_id.passage_id.family_attendance")
    def _compute_may_be_absent(self):
        """Whether this line may be accounted for by the family's absence."""
        for line in self:
            line.may_be_absent = line._held_without_family()

    @api.constrains("absent", "role")
    def _check_absent(self):
        wrong = self.filtered(lambda line: line.absent and not line.sudo()._held_without_family())
        if wrong:
            raise ValidationError(
                self.env._(
                    "%(names)s cannot be marked absent: only the family's line can be, once the pilot has decided "
                    "to hold the passage without them.",
                    names=", ".join(wrong.mapped("name")),
                )
            )

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
            vals = {**vals, "signature": False, "signed_on": False, "absent": False}
        if vals.get("signature"):
            vals = {**vals, "absent": False}
        if vals.get("absent"):
            vals = {**vals, "signature": False, "signed_on": False, "captured_by_id": False, "refused": False}
        return vals

    def _held_without_family(self):
        """The family's line, on the record of a passage the pilot decided to hold without the family."""
        self.ensure_one()
        passage = self.releve_id.passage_id
        return (
            self.role == "family"
            and passage.absence_decision == "hold"
            and passage.family_attendance in ("absent", "excused")
        )

    def _accounted_for(self):
        """Signed, refusal recorded, or the family absent from a passage held without them."""
        self.ensure_one()
        return bool(self.signed_on or self.refused or (self.absent and self.sudo()._held_without_family()))
