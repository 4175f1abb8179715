from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

AGREEMENTS = [
    ("interview", "Said in an interview"),
    ("written", "Signed form"),
    ("releve", "Signed decision record"),
    ("portal", "From the person's space"),
    ("other", "Other"),
]

# The reasons of an end after which the former référent keeps reading for the handover: they left or their
# mission ended. Never when the person chose someone else, nor when the accompaniment ended.
HANDOVER_END_REASONS = ("mission_ended", "professional_left")


class ParcoursReferent(models.Model):
    _name = "parcours.referent"
    _description = "Designation of a référent de parcours"
    _inherit = ["parcours.anchor.mixin", "parcours.entitling.mixin"]
    _parcours_anchor_fields = ("case_id", "intervenant_id")
    _parcours_entitling_fields = ("date_end",)
    _parcours_system_fields = ("passage_id", "date_confirmed", "confirmed_passage_id", "handover_closed_on")
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
    passage_id = fields.Many2one(
        "parcours.passage",
        string="Designated at",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The commission passage whose signed decision record names this référent.",
    )
    agreement = fields.Selection(
        AGREEMENTS,
        string="The person's agreement",
        help="How the person said they chose this référent.",
    )
    date_planned_end = fields.Date(
        string="Planned end of the mission",
        help="The référent's mission runs for a given time: before it ends, a successor is asked for (or the "
        "mission renewed with the person).",
    )
    date_review = fields.Date(
        string="Review with the person on", help="When the person and the référent look again at this choice."
    )
    date_confirmed = fields.Date(
        string="Last confirmed on",
        readonly=True,
        help="The last time the person confirmed this référent in a signed decision record.",
    )
    confirmed_passage_id = fields.Many2one(
        "parcours.passage", string="Confirmed at", readonly=True, index="btree_not_null", ondelete="set null"
    )
    handover_closed_on = fields.Date(
        string="Handover access ended on",
        readonly=True,
        help="The successor ended the former référent's read access before the end of the handover period.",
    )
    handover_until = fields.Date(
        string="Handover read access until",
        compute="_compute_handover_until",
        help="The former référent reads the situation (never changes it) until this date, so that nothing falls "
        "between two chairs.",
    )

    _sql_constraints = [
        (
            "planned_end_after_start",
            "CHECK(date_planned_end IS NULL OR date_planned_end >= date_start)",
            "A référent's mission cannot be planned to end before it starts.",
        ),
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

    handover_open = fields.Boolean(string="Handover under way", compute="_compute_handover_until")

    @api.depends("date_end", "end_reason", "handover_closed_on", "case_id.company_id.parcours_handover_days")
    @api.depends_context("date")
    def _compute_handover_until(self):
        """The last day of the former référent's read access: the end plus the organisation's handover period,
        unless the successor ended it earlier (nothing when the designation runs, or ended for another reason)."""
        for designation in self:
            until = False
            if designation.date_end and designation.end_reason in HANDOVER_END_REASONS:
                days = designation.case_id.sudo().company_id.parcours_handover_days
                until = fields.Date.add(designation.date_end, days=days - 1) if days > 0 else False
                if until and designation.handover_closed_on:
                    until = min(until, fields.Date.subtract(designation.handover_closed_on, days=1))
                if until and until < designation.date_end:
                    until = False
            designation.handover_until = until
            designation.handover_open = bool(until) and until >= fields.Date.context_today(self)

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
        cases = self.env["parcours.case"].browse({vals.get("case_id") for vals in vals_list})
        cases._check_grant()
        self._check_client_system_vals(vals_list)
        self._check_no_current_referent(vals_list)
        # Designations just ended in this transaction must reach the database before its unique index checks.
        self.flush_model(["date_end"])
        designations = super().create(vals_list)
        # The person who had declined to designate a référent has now chosen one.
        designations.filtered(lambda d: not d.date_end).case_id._clear_referent_declined()
        return designations

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

    def action_end_handover(self):
        """The successor ends the former référent's read access now: the handover is done."""
        today = fields.Date.context_today(self)
        for designation in self:
            if not designation.handover_open:
                raise UserError(
                    self.env._("%(name)s has no handover access left to end.", name=designation.partner_id.name)
                )
        self.case_id._check_grant()
        self.check_access("write")
        self.sudo().write({"handover_closed_on": today})
        for designation in self:
            designation.case_id.sudo().message_post(
                body=self.env._(
                    "The handover is done: %(name)s no longer reads the situation.", name=designation.partner_id.name
                ),
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
        return True

    def _confirm_in_passage(self, passage, date):
        """The person confirmed this référent in a signed decision record (system write, after the checks of
        the record's validation)."""
        self.sudo().write({"date_confirmed": date, "confirmed_passage_id": passage.id})

    def _followers_joining(self):
        """The référent designated follows the situation."""
        return self.intervenant_id
