from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Lifting a refusal, or allowing someone on it, widens who reads what the person wished kept.
WIDENING_FIELDS = {"allowed_intervenant_ids", "active", "domain_id"}


class ParcoursRefusedSubject(models.Model):
    _name = "parcours.refused.subject"
    _description = "Subject the person refuses to share"
    _inherit = ["parcours.anchor.mixin"]
    _parcours_anchor_fields = ("case_id",)
    _order = "case_id, domain_id"
    _rec_name = "domain_id"

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    domain_id = fields.Many2one("parcours.life.domain", string="Life domain", required=True, ondelete="restrict")
    date = fields.Date(string="Recorded on", required=True, default=fields.Date.context_today)
    recorded_by_id = fields.Many2one(
        "res.users", string="Recorded by", required=True, readonly=True, default=lambda self: self.env.user
    )
    allowed_intervenant_ids = fields.Many2many(
        "parcours.intervenant",
        string="Allowed by the person",
        domain="[('case_id', '=', case_id)]",
        help="Professionals the person explicitly allows to see what is written on this subject.",
    )
    note = fields.Char(help="How the person expressed it, if they wish it written.")
    active = fields.Boolean(default=True, help="Archive when the person lifts the refusal.")

    _sql_constraints = [
        (
            "case_domain_unique",
            "UNIQUE(case_id, domain_id)",
            "This subject is already recorded as refused for this situation.",
        ),
    ]

    def write(self, vals):
        if WIDENING_FIELDS & set(vals):
            self.case_id._check_grant()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_who_grants(self):
        self.case_id._check_grant()

    @api.constrains("allowed_intervenant_ids", "case_id")
    def _check_allowed_of_case(self):
        for subject in self:
            strangers = subject.allowed_intervenant_ids.filtered(lambda i, case=subject.case_id: i.case_id != case)
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(names)s do not follow situation %(case)s and cannot be allowed on its subjects.",
                        names=", ".join(strangers.mapped("partner_id.name")),
                        case=subject.case_id.name,
                    )
                )
