from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ParcoursReferent(models.Model):
    _name = "parcours.referent"
    _description = "Designation of a référent de parcours"
    _inherit = ["parcours.anchor.mixin", "parcours.entitling.mixin"]
    _parcours_anchor_fields = ("case_id", "intervenant_id")
    _parcours_entitling_fields = ("date_end",)
    _order = "case_id, date_start desc, id desc"
    _rec_name = "intervenant_id"

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    intervenant_id = fields.Many2one(
        "parcours.intervenant",
        string="Référent",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('case_id', '=', case_id)]",
    )
    partner_id = fields.Many2one(related="intervenant_id.partner_id", string="Professional")
    structure_id = fields.Many2one(related="intervenant_id.structure_id", string="Structure")
    person_choice = fields.Selection(
        [
            ("chosen", "Chosen by the person"),
            ("refused_to_choose", "The person refused to choose"),
        ],
        string="Person's choice",
        required=True,
        default="chosen",
    )
    date_accepted = fields.Date(
        string="Accepted by the professional on",
        required=True,
        default=fields.Date.context_today,
    )
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Until")
    end_reason = fields.Selection(
        [
            ("mission_ended", "The référent's mission ended"),
            ("person_choice", "The person chose someone else"),
            ("professional_left", "The professional left or changed post"),
            ("case_closed", "The accompaniment ended"),
            ("other", "Other"),
        ]
    )
    end_note = fields.Char(string="Why it ended")
    designated_in_commission = fields.Boolean(string="Designated in commission")

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A designation cannot end before it starts.",
        ),
        (
            "ended_with_reason",
            "CHECK(date_end IS NULL OR end_reason IS NOT NULL)",
            "Say why the designation ended.",
        ),
    ]

    def init(self):
        # The database itself guarantees one référent at a time per situation.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS parcours_referent_one_current "
            "ON parcours_referent (case_id) WHERE date_end IS NULL"
        )

    @api.constrains("intervenant_id", "case_id")
    def _check_intervenant_of_case(self):
        for designation in self:
            if designation.intervenant_id.case_id != designation.case_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s does not follow situation %(case)s: the référent must be chosen among its "
                        "intervenants.",
                        name=designation.intervenant_id.partner_id.name,
                        case=designation.case_id.name,
                    )
                )

    @api.constrains("intervenant_id", "date_start", "date_end")
    def _check_intervenant_active(self):
        for designation in self.filtered(lambda d: not d.date_end):
            intervenant = designation.intervenant_id
            if not intervenant.is_active:
                raise ValidationError(
                    self.env._(
                        "%(name)s no longer follows situation %(case)s (intervention ended): choose an active "
                        "intervenant as référent.",
                        name=intervenant.partner_id.name,
                        case=designation.case_id.name,
                    )
                )

    @api.constrains("case_id", "date_end")
    def _check_one_current(self):
        for case in self.case_id:
            current = case.referent_designation_ids.filtered(lambda d: not d.date_end)
            if len(current) > 1:
                raise ValidationError(
                    self.env._(
                        "Situation %(case)s can have only one référent at a time (%(names)s): end the current "
                        "designation first.",
                        case=case.name,
                        names=", ".join(current.mapped("partner_id.name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["parcours.case"].browse({vals.get("case_id") for vals in vals_list})._check_grant()
        self._check_no_current_referent(vals_list)
        # Designations just ended in this transaction must reach the database before its unique index checks.
        self.flush_model(["date_end"])
        return super().create(vals_list)

    def write(self, vals):
        self.case_id._check_grant()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_who_grants(self):
        self.case_id._check_grant()

    def _check_no_current_referent(self, vals_list):
        """Refuses a second current référent with a clear message, before the database index does."""
        new_current = [vals["case_id"] for vals in vals_list if vals.get("case_id") and not vals.get("date_end")]
        cases = self.env["parcours.case"].browse(new_current)
        for case in cases:
            current = case.referent_designation_ids.filtered(lambda d: not d.date_end)
            if current or new_current.count(case.id) > 1:
                raise ValidationError(
                    self.env._(
                        "Situation %(case)s already has a référent (%(name)s): end that designation, or use "
                        "'Designate the référent' which hands over in one step.",
                        case=case.name,
                        name=", ".join(current.mapped("partner_id.name")),
                    )
                )

    @api.constrains("date_accepted", "date_start")
    def _check_accepted_before_start(self):
        for designation in self:
            if designation.date_accepted > designation.date_start:
                raise ValidationError(
                    self.env._(
                        "The professional must accept before the designation starts (%(name)s).",
                        name=designation.partner_id.name,
                    )
                )

    def _followers_joining(self):
        """The référent designated follows the situation."""
        return self.intervenant_id
