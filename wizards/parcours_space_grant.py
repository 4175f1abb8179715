from odoo import api, fields, models
from odoo.exceptions import UserError


class ParcoursSpaceGrant(models.TransientModel):
    _name = "parcours.space.grant"
    _description = "Open the personal space of a person"
    _inherit = ["parcours.wizard.mixin"]

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, readonly=True)
    allowed_partner_ids = fields.Many2many(
        "res.partner", compute="_compute_allowed_partner_ids", string="People who may have a space"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        domain="[('id', 'in', allowed_partner_ids)]",
        help="The person, or a household member who has a contact.",
    )
    email = fields.Char(string="E-mail (login)", compute="_compute_email", readonly=False, store=True)
    agreed = fields.Boolean(string="The person agrees to have a personal space")
    agreement_date = fields.Date(string="Agreement given on", required=True, default=fields.Date.context_today)
    agreement_method = fields.Selection(
        [("written", "Signed form"), ("oral", "Orally, during an interview")],
        string="How the agreement was given",
        required=True,
        default="oral",
    )

    @api.depends("case_id")
    def _compute_allowed_partner_ids(self):
        """The person and the household members who have a contact."""
        for wizard in self:
            wizard.allowed_partner_ids = self.env["parcours.person.space"]._allowed_partners(wizard.case_id)

    @api.depends("partner_id")
    def _compute_email(self):
        for wizard in self:
            wizard.email = wizard.partner_id.email

    def action_grant(self):
        """Records the agreement, creates the space and sends the invitation to choose a password."""
        self.ensure_one()
        if not self.agreed:
            raise UserError(self.env._("Tick the box once the person has agreed to have a personal space."))
        if self.partner_id not in self.allowed_partner_ids:
            raise UserError(self.env._("Choose the person or a household member of this situation."))
        if not (self.email or "").strip():
            raise UserError(self.env._("Write the person's e-mail address: it is their login."))
        if self.email != self.partner_id.email:
            self.partner_id.write({"email": self.email.strip()})
        space = self.env["parcours.person.space"].create(
            {
                "case_id": self.case_id.id,
                "partner_id": self.partner_id.id,
                "agreement_date": self.agreement_date,
                "agreement_method": self.agreement_method,
            }
        )
        space._grant()
        return {"type": "ir.actions.act_window_close"}
