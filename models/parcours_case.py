from functools import partial

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .parcours_referent import HANDOVER_END_REASONS

# Documents of the person that only the professionals who follow her print.
PERSON_LIST_REPORTS = ("referent_parcours.report_parcours_accompaniment_list",)
CASE_STATES = [
    ("proposed", "Proposed"),
    ("accepted", "Accepted by the person"),
    ("active", "Active"),
    ("closed", "Closed"),
    ("refused", "Refused"),
]

# Why an accompaniment ends. The schemes that take over are reasons of their own: the steering counts them.
CLOSE_REASONS = [
    ("goals_reached", "The goals are reached"),
    ("person_stops", "The person chose to stop"),
    ("moved_away", "The person moved away"),
    ("handover_ase", "Taken over: leaving child welfare (contrat jeune majeur)"),
    ("handover_pacea", "Taken over: PACEA (Mission locale)"),
    ("handover_maia", "Taken over: MAIA / DAC"),
    ("handover_other", "Taken over by another scheme"),
    ("other", "Other"),
]
CLOSE_DECIDED = [("person", "With the person"), ("commission", "In commission")]
# How the person said they do not want a référent.
DECLINE_METHODS = [
    ("interview", "Said in an interview"),
    ("written", "Signed form (answer 'No')"),
    ("commission", "Said in commission"),
    ("other", "Other"),
]


class ParcoursCase(models.Model):
    _name = "parcours.case"
    _description = "Situation followed with a référent de parcours"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "parcours.file.mixin",
        "parcours.access.mixin",
        "parcours.logged.mixin",
        "parcours.anchor.mixin",
    ]
    _parcours_anchor_fields = ()
    _parcours_system_fields = (
        "state",
        "referent_declined",
        "referent_declined_date",
        "referent_declined_method",
        "referent_declined_note",
        "close_reason_code",
        "close_decided",
        "close_passage_id",
        "close_projet_id",
        "handover_structure",
        "handover_contact",
        "handover_date",
        "close_letter_id",
        "eligibility_confirmed_by_id",
        "eligibility_confirmed_on",
        "eligibility_note",
    )
    _order = "date_entry desc, id desc"
    _rec_names_search = ["name", "partner_name"]

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram")
    partner_id = fields.Many2one(
        "res.partner",
        string="Person or household",
        required=True,
        index=True,
        tracking=True,
        context={"default_parcours_is_person": True},
        domain=[("is_company", "=", False)],
    )
    partner_name = fields.Char(
        related="partner_id.name",
        store=True,
        index="trigram",
        string="Person or household name",
        help="Kept on the situation so that searching a situation by the family's name reads one table, through "
        "its trigram index, whatever the size of the contacts.",
    )
    household_type = fields.Selection([("person", "Person"), ("family", "Family")], default="family", required=True)
    member_ids = fields.One2many("parcours.case.member", "case_id", string="Household members")
    company_id = fields.Many2one(
        "res.company",
        string="Organisation",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        help="The organisation that proposed the approach and keeps the file.",
    )
    site_id = fields.Many2one("parcours.site", required=True, tracking=True, check_company=True, index=True)
    proposing_structure_id = fields.Many2one(
        "res.partner",
        string="Proposed by",
        index="btree_not_null",
        domain=[("is_company", "=", True)],
        help="The structure whose professional proposed the approach to the person.",
    )
    date_proposed = fields.Date(string="Proposed on", default=fields.Date.context_today, required=True)
    date_entry = fields.Date(string="Entry date", tracking=True, help="Date the person agreed to join the approach.")
    date_end = fields.Date(string="End date", tracking=True)
    state = fields.Selection(
        CASE_STATES,
        default="proposed",
        required=True,
        tracking=True,
        index=True,
    )
    close_reason = fields.Text(string="What was said at the end")
    close_reason_code = fields.Selection(CLOSE_REASONS, string="Why it ended", readonly=True, tracking=True)
    close_decided = fields.Selection(CLOSE_DECIDED, string="Decided", readonly=True)
    close_passage_id = fields.Many2one(
        "parcours.passage", string="Decided at", readonly=True, index="btree_not_null", ondelete="set null"
    )
    close_projet_id = fields.Many2one(
        "parcours.projet",
        string="Plan reviewed at the end",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The plan in force when the accompaniment ended, whose goals were reviewed a last time.",
    )
    handover_structure = fields.Char(string="Taken over by", readonly=True, help="The structure or the scheme.")
    handover_contact = fields.Char(string="Contact there", readonly=True)
    handover_date = fields.Date(string="Taken over on", readonly=True)
    close_letter_id = fields.Many2one("ir.attachment", string="Closing letter", readonly=True, copy=False)
    referent_declined = fields.Boolean(
        string="No référent, by the person's choice",
        readonly=True,
        tracking=True,
        help="The person was offered to choose a référent de parcours and declined: they are accompanied all the "
        "same, and may choose one at any time.",
    )
    referent_declined_date = fields.Date(string="Declined on", readonly=True)
    referent_declined_method = fields.Selection(DECLINE_METHODS, string="How the person said it", readonly=True)
    referent_declined_note = fields.Text(string="In the person's words", readonly=True)
    eligible = fields.Boolean(
        string="Two fields or more",
        compute="_compute_eligible",
        compute_sudo=True,
        help="At least two professionals of different fields follow the person today (guide's definition of a "
        "complex situation).",
    )
    eligibility_field_count = fields.Integer(
        string="Fields of the professionals", compute="_compute_eligible", compute_sudo=True
    )
    eligibility_confirmed_by_id = fields.Many2one("res.users", string="Accepted below the threshold by", readonly=True)
    eligibility_confirmed_on = fields.Date(string="Accepted below the threshold on", readonly=True)
    eligibility_note = fields.Text(string="Why the approach is still proposed", readonly=True)
    child_protection = fields.Boolean(
        string="Child protection",
        help="Information is shared on the legal basis of the parents' information "
        "(CASF L.226-2-2) rather than on consent.",
    )
    person_expectations = fields.Text(
        string="Expectations, in the person's words",
        help="Write what the person says, as they say it.",
    )
    person_life_project = fields.Text(
        string="Life project, in the person's words",
        help="Write what the person says, as they say it.",
    )
    other_plans = fields.Text(
        string="Other plans in progress",
        help="Plans this approach coexists with, such as the child's projet pour l'enfant.",
    )
    locker_wish = fields.Selection(
        [("yes", "Yes"), ("no", "No")],
        string="Interested in a digital locker",
        help="The person's answer (Paris accompaniment list, question D); an open personal space answers yes.",
    )
    intervenant_ids = fields.One2many("parcours.intervenant", "case_id", string="Accompaniment list")
    intervenant_count = fields.Integer(compute="_compute_intervenant_count", string="Active intervenants")
    consent_ids = fields.One2many("parcours.consent", "case_id", string="Consents")
    sharing_in_force = fields.Boolean(
        compute="_compute_sharing_in_force",
        store=True,
        index=True,
        help="Sharing between the listed professionals is allowed by a consent or by the legal basis in force.",
    )
    joined = fields.Boolean(compute="_compute_sharing_in_force", store=True, string="Agreed to join")
    refused_subject_ids = fields.One2many("parcours.refused.subject", "case_id", string="Refused subjects")
    note_ids = fields.One2many("parcours.note", "case_id", string="Follow-up notes")
    referent_designation_ids = fields.One2many("parcours.referent", "case_id", string="Référent history")
    passage_ids = fields.One2many("parcours.passage", "case_id", string="Commission passages")
    passage_count = fields.Integer(compute="_compute_passage_count", string="Commissions")
    projet_ids = fields.One2many("parcours.projet", "case_id", string="Plans")
    space_ids = fields.One2many("parcours.person.space", "case_id", string="Personal spaces")
    space_count = fields.Integer(compute="_compute_portal_counts", string="Personal spaces count")
    document_count = fields.Integer(compute="_compute_portal_counts", string="Documents")
    portal_request_count = fields.Integer(compute="_compute_portal_counts", string="Requests of the person")
    referent_intervenant_id = fields.Many2one(
        "parcours.intervenant",
        string="Référent de parcours",
        compute="_compute_referent",
        store=True,
        index=True,
    )
    referent_user_id = fields.Many2one(
        "res.users", related="referent_intervenant_id.user_id", string="Référent user", store=True
    )
    referent_since = fields.Date(compute="_compute_referent", store=True)
    referent_end_date = fields.Date(
        related="referent_intervenant_id.date_end", string="End of the référent's intervention"
    )
    referent_mission_end = fields.Date(
        string="End of the référent's mission",
        compute="_compute_referent",
        store=True,
        help="The earlier of the planned end of the current designation and the end of the référent's own "
        "intervention: a successor is asked for before it.",
    )
    referent_succession_due = fields.Boolean(
        string="Successor needed",
        compute="_compute_referent_succession_due",
        search="_search_referent_succession_due",
        help="The référent's own intervention ends soon or has ended: designate a successor before the break.",
    )

    # A situation's activities are part of its file: their summary and type are read as the user, whom the
    # activity rule lets read only those of the situations they follow (and their own), not as the system.
    activity_summary = fields.Char(compute_sudo=False)
    activity_type_id = fields.Many2one(compute_sudo=False)
    activity_type_icon = fields.Char(compute_sudo=False)

    # Access conditions. Each is defined once, here, for the current user; every record rule of the
    # addon (on the situation and on everything that hangs from it) reads one of them.
    access_involved = fields.Boolean(
        string="Followed by me",
        compute="_compute_access_involved",
        search="_search_access_involved",
        compute_sudo=True,
        help="The current user follows the situation as an active intervenant and may read it: as its "
        "référent or the professional who proposed it, or while the person's consent allows sharing.",
    )
    access_commission = fields.Boolean(
        string="On my commission's agenda",
        compute="_compute_access_commission",
        search="_search_access_commission",
        compute_sudo=True,
        help="The current user is the pilot or the secretariat of a session where the situation is on the "
        "agenda, from scheduling until the delay after the session is closed.",
    )
    access_exceptional = fields.Boolean(
        string="Open to me exceptionally",
        compute="_compute_access_exceptional",
        search="_search_access_exceptional",
        compute_sudo=True,
        help="The current user (a manager or an administrator of the addon) holds an exceptional access to the "
        "situation, for a stated reason, until it ends.",
    )
    access_file = fields.Boolean(
        string="Its file is open to me",
        compute="_compute_access_file",
        search="_search_access_file",
        compute_sudo=True,
        help="The current user follows the situation or holds an exceptional access to it: they read its file "
        "(chatter, attachments, activities), its people's contacts.",
    )
    access_handover = fields.Boolean(
        string="Handed over by me",
        compute="_compute_access_handover",
        search="_search_access_handover",
        compute_sudo=True,
        help="The current user was the référent of this open situation until they left or their mission ended, "
        "within the handover period, and does not follow it otherwise: they read it (never change it), unless the "
        "successor ended the handover.",
    )
    access_answering = fields.Boolean(
        string="I answer the person",
        compute="_compute_access_answering",
        search="_search_access_answering",
        compute_sudo=True,
        help="The current user answers the person: their référent, or the professional who proposed the "
        "approach while no référent is designated. They alone change who follows the situation.",
    )

    _sql_constraints = [
        ("name_unique", "UNIQUE(name)", "This situation reference already exists."),
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_entry IS NULL OR date_end >= date_entry)",
            "A situation cannot end before it began: set an end date on or after the entry date.",
        ),
    ]

    @api.depends(
        "sharing_in_force",
        "intervenant_ids.user_id",
        "intervenant_ids.date_start",
        "intervenant_ids.date_end",
        "intervenant_ids.is_referent",
        "intervenant_ids.is_proposer",
        "intervenant_ids.proposed_successor",
    )
    @api.depends_context("uid", "date")
    def _compute_access_involved(self):
        """Whether the current user follows the situation and may read it (as _search_access_involved says).

        Computed from the accompaniment lines, which the form reads anyway, rather than by a query.
        """
        uid = self.env.uid
        for case in self:
            lines = case.intervenant_ids.filtered(lambda line: line.user_id.id == uid and line.is_active)
            case.access_involved = bool(lines) and (
                case.sharing_in_force or any(line.is_referent or line._answers_without_referent() for line in lines)
            )

    @api.depends(
        "passage_ids.state",
        "passage_ids.commission_id.state",
        "passage_ids.commission_id.pilot_id",
        "passage_ids.commission_id.secretary_id",
        "passage_ids.commission_id.access_end_date",
    )
    @api.depends_context("uid")
    def _compute_access_commission(self):
        """Whether the situation is on the agenda of a session the current user prepares or runs."""
        self._compute_access_condition("access_commission")

    @api.depends_context("uid")
    def _compute_access_exceptional(self):
        """Whether the current user holds an open exceptional access to the situation."""
        self._compute_access_condition("access_exceptional")

    def _search_access_exceptional(self, operator, value):
        """Driven from the user's own exceptional accesses, open now."""
        self.env["parcours.exceptional.access"].flush_model(["case_id", "user_id", "date_start", "date_end"])
        return self._access_condition_domain(
            operator,
            value,
            SQL(
                "(SELECT a.case_id FROM parcours_exceptional_access a WHERE a.user_id = %(uid)s "
                "AND a.date_start <= %(now)s AND a.date_end > %(now)s)",
                uid=self.env.uid,
                now=fields.Datetime.now(),
            ),
        )

    @api.depends_context("uid")
    def _compute_access_file(self):
        """Whether the current user follows the situation or holds an exceptional access to it."""
        self._compute_access_condition("access_file")

    def _search_access_file(self, operator, value):
        """The union of the two conditions' sub-selects: an OR of them would read every situation."""
        return self._access_condition_domain(
            operator,
            value,
            SQL(
                "(%s UNION %s)",
                self._search_access_involved("=", True)[0][2],
                self._search_access_exceptional("=", True)[0][2],
            ),
        )

    @api.depends(
        "referent_user_id",
        "intervenant_ids.user_id",
        "intervenant_ids.is_proposer",
        "intervenant_ids.proposed_successor",
        "intervenant_ids.date_end",
    )
    @api.depends_context("uid")
    def _compute_access_answering(self):
        """Whether the current user answers the person (référent, or proposer while none is designated)."""
        self._compute_access_condition("access_answering")

    @api.depends(
        "referent_designation_ids.date_end",
        "referent_designation_ids.handover_closed_on",
        "state",
        "sharing_in_force",
        "intervenant_ids.user_id",
        "intervenant_ids.date_end",
    )
    @api.depends_context("uid", "date")
    def _compute_access_handover(self):
        """Whether the current user is a former référent of this situation within the handover period (and does
        not follow it otherwise). Only the situations where the user has a line and is not involved are asked,
        so that checking a list the user follows costs no query."""
        uid = self.env.uid
        candidates = self.filtered(
            lambda case: not case.access_involved and any(line.user_id.id == uid for line in case.intervenant_ids)
        )
        if candidates:
            candidates._compute_access_condition("access_handover")
        for case in self - candidates:
            case.access_handover = False

    def _search_access_handover(self, operator, value):
        """Driven from the user's own accompaniment lines, through their ended designations: the designation
        ended because they left or their mission ended, less than the organisation's handover period ago, the
        successor did not end it, and the situation is still open."""
        today = fields.Date.context_today(self)
        self._flush_access_fields()
        self.env["parcours.referent"].flush_model(
            ["case_id", "intervenant_id", "date_end", "end_reason", "handover_closed_on"]
        )
        self.flush_model(["state", "company_id"])
        self.env["res.company"].flush_model(["parcours_handover_days"])
        return self._access_condition_domain(
            operator,
            value,
            SQL(
                """(SELECT d.case_id FROM parcours_intervenant line
                    JOIN parcours_referent d ON d.intervenant_id = line.id
                    JOIN parcours_case c ON c.id = d.case_id
                    JOIN res_company company ON company.id = c.company_id
                    WHERE line.user_id = %(uid)s AND d.date_end <= %(today)s
                      AND d.end_reason IN %(reasons)s
                      AND d.date_end + COALESCE(company.parcours_handover_days, 0) > %(today)s
                      AND (d.handover_closed_on IS NULL OR d.handover_closed_on > %(today)s)
                      AND c.state IN ('accepted', 'active')
                      AND d.case_id NOT IN %(involved)s)""",
                uid=self.env.uid,
                today=today,
                reasons=HANDOVER_END_REASONS,
                involved=self._search_access_involved("=", True)[0][2],
            ),
        )

    def _parcours_log_case(self):
        return self

    def _parcours_file_domain(self):
        """The chatter, attachments and followers are the file of the professionals who follow the
        situation (and of a manager during an exceptional access): the pilot and the secretariat read the
        situation for the commission, not its file."""
        return [("access_file", "=", True)]

    def _flush_access_fields(self):
        """The access conditions are written in SQL: what they read must reach the database first."""
        self.env["parcours.intervenant"].flush_model(
            ["case_id", "user_id", "date_start", "date_end", "is_referent", "is_proposer", "proposed_successor"]
        )
        self.flush_model(["sharing_in_force", "referent_user_id", "referent_intervenant_id"])

    def _search_access_involved(self, operator, value):
        """Driven from the user's own accompaniment lines (index on user), never a scan of the situations."""
        today = fields.Date.context_today(self)
        self._flush_access_fields()
        return self._access_condition_domain(
            operator,
            value,
            SQL(
                """(SELECT line.case_id FROM parcours_intervenant line
                    JOIN parcours_case c ON c.id = line.case_id
                    WHERE line.user_id = %(uid)s AND line.date_start <= %(today)s
                      AND (line.date_end IS NULL OR line.date_end > %(today)s)
                      AND (line.is_referent OR line.is_proposer OR line.proposed_successor OR c.sharing_in_force))""",
                uid=self.env.uid,
                today=today,
            ),
        )

    def _search_access_commission(self, operator, value):
        """Driven from the sessions the user prepares or runs, while their window is open."""
        self.env["parcours.passage"].flush_model(["state", "commission_id", "case_id"])
        sessions = (
            self.env["parcours.commission"]
            .sudo()
            .with_context(active_test=False)
            ._search([("access_staff", "=", True)])
        )
        return self._access_condition_domain(
            operator,
            value,
            SQL(
                "(SELECT passage.case_id FROM parcours_passage passage WHERE passage.state IN %s "
                "AND passage.commission_id IN %s)",
                ("scheduled", "held", "postponed"),
                sessions.subselect(),
            ),
        )

    def _search_access_answering(self, operator, value):
        """The référent, or the active proposer of a situation with no référent."""
        today = fields.Date.context_today(self)
        self._flush_access_fields()
        return self._access_condition_domain(
            operator,
            value,
            SQL(
                """(SELECT c.id FROM parcours_case c WHERE c.referent_user_id = %(uid)s
                    UNION
                    SELECT line.case_id FROM parcours_intervenant line
                    JOIN parcours_case c ON c.id = line.case_id
                    WHERE line.user_id = %(uid)s AND (line.is_proposer OR line.proposed_successor)
                      AND c.referent_intervenant_id IS NULL
                      AND line.date_start <= %(today)s AND (line.date_end IS NULL OR line.date_end > %(today)s))""",
                uid=self.env.uid,
                today=today,
            ),
        )

    @api.depends("intervenant_ids.date_end")
    def _compute_intervenant_count(self):
        """Counts the professionals who follow the situation today."""
        for case in self:
            case.intervenant_count = len(case.intervenant_ids.filtered("is_active"))

    @api.depends("passage_ids")
    def _compute_passage_count(self):
        """Counts the passages in commission the reader may see."""
        counts = dict(self.env["parcours.passage"]._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"]))
        for case in self:
            case.passage_count = counts.get(case, 0)

    def _compute_portal_counts(self):
        """Counts what the reader may see of the person's space: their rules decide."""
        counts = {}
        for model, field in (
            ("parcours.person.space", "space_count"),
            ("parcours.document", "document_count"),
            ("parcours.portal.request", "portal_request_count"),
        ):
            domain = [("case_id", "in", self.ids)]
            if model == "parcours.portal.request":
                domain.append(("state", "=", "new"))
            elif model == "parcours.person.space":
                domain.append(("state", "=", "active"))
            counts[field] = dict(self.env[model]._read_group(domain, ["case_id"], ["__count"]))
        for case in self:
            for field, by_case in counts.items():
                case[field] = by_case.get(case, 0)

    @api.depends("consent_ids.consent_type", "consent_ids.withdrawal_date")
    def _compute_sharing_in_force(self):
        """Sharing is allowed while one sharing consent (or legal basis) is not withdrawn."""
        for case in self:
            in_force = case.consent_ids.filtered(lambda c: not c.withdrawal_date)
            case.sharing_in_force = "share" in in_force.mapped("consent_type")
            case.joined = "join" in in_force.mapped("consent_type")

    @api.depends(
        "referent_designation_ids.date_end",
        "referent_designation_ids.date_start",
        "referent_designation_ids.date_planned_end",
        "referent_designation_ids.intervenant_id.date_end",
    )
    def _compute_referent(self):
        """The référent is the one designation that has not ended; their mission ends at the earlier of its
        planned end and the end of their own intervention."""
        for case in self:
            current = case.referent_designation_ids.filtered(lambda d: not d.date_end)[:1]
            case.referent_intervenant_id = current.intervenant_id
            case.referent_since = current.date_start
            ends = [day for day in (current.date_planned_end, current.intervenant_id.date_end) if day]
            case.referent_mission_end = min(ends) if ends else False

    @api.depends("intervenant_ids.structure_type_id", "intervenant_ids.structure_id", "intervenant_ids.date_end")
    @api.depends_context("date")
    def _compute_eligible(self):
        """Counts the fields (structure types) of the professionals following the person today: the approach is
        meant for at least two professionals of different fields."""
        for case in self:
            fields_ = case._professional_fields()
            case.eligibility_field_count = len(fields_)
            case.eligible = len(fields_) >= 2

    def _professional_fields(self):
        """The fields of the active professionals: their structure's type (a structure without type counts as
        a field of its own)."""
        self.ensure_one()
        return {
            line.structure_type_id.id or ("structure", line.structure_id.id)
            for line in self.sudo().intervenant_ids
            if line.is_active
        }

    def _referent_alert_limit(self):
        """Last date of a référent intervention that still calls for a successor."""
        return fields.Date.add(fields.Date.context_today(self), days=self.env.company.parcours_referent_alert_days)

    @api.depends("referent_mission_end", "state")
    def _compute_referent_succession_due(self):
        """Flags open situations whose référent's mission (planned end, or their own intervention) ends within
        the notice."""
        limit = self._referent_alert_limit()
        for case in self:
            end = case.referent_mission_end
            case.referent_succession_due = bool(case.state in ("accepted", "active") and end and end <= limit)

    def _search_referent_succession_due(self, operator, value):
        domain = [
            ("state", "in", ("accepted", "active")),
            ("referent_mission_end", "!=", False),
            ("referent_mission_end", "<=", self._referent_alert_limit()),
        ]
        return self._access_condition_domain(operator, value, domain)

    @api.constrains("date_entry", "date_end")
    def _check_dates(self):
        wrong = self.filtered(lambda c: c.date_entry and c.date_end and c.date_end < c.date_entry)
        if wrong:
            raise ValidationError(
                self.env._(
                    "A situation cannot end before it began: set an end date on or after the entry date (%(names)s).",
                    names=", ".join(wrong.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        proposer = not self.env.su and self.env.user._is_internal()
        self._check_client_system_vals(vals_list)
        deferred = []
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("parcours.case") or "/"
            if proposer:
                self._check_opening_vals(vals)
                # What the client lists (household, professionals, consents) is written once the system has
                # listed the creator as proposer, under the same checks as any later change.
                deferred.append(
                    {fname: vals.pop(fname) for fname in list(vals) if self._fields[fname].type == "one2many"}
                )
        cases = super().create(vals_list)
        cases._flag_people()
        if proposer:
            for case, lines in zip(cases, deferred, strict=False):
                case._add_proposer(lines)
                if lines:
                    case.write(lines)
        return cases

    def write(self, vals):
        if not self.env.su:
            if "company_id" in vals:
                self._check_grant()
                self._check_opening_vals({"company_id": vals["company_id"]})
            if vals.get("partner_id"):
                self._check_opening_vals({"partner_id": vals["partner_id"]})
        res = super().write(vals)
        if "partner_id" in vals:
            self._flag_people()
        return res

    def copy_data(self, default=None):
        raise UserError(self.env._("A situation cannot be duplicated: open a new one with the person's agreement."))

    def action_accept(self):
        """The person agrees to join: needs their recorded agreement to join."""
        for case in self:
            if case.state != "proposed":
                raise UserError(self.env._("Only a proposed situation can be accepted (%(name)s).", name=case.name))
            if not case.joined:
                raise UserError(
                    self.env._(
                        "Record the person's agreement to join the approach (a consent of type "
                        "'to join the approach') before marking %(name)s as accepted.",
                        name=case.name,
                    )
                )
        self.check_access("write")
        below = self.filtered(lambda c: not c.eligible)
        if below and self.env.context.get("parcours_ask_eligibility"):
            # From the screen: fewer than two professionals of different fields, the professional confirms first.
            return below[:1]._action_confirm_eligibility()
        today = fields.Date.context_today(self)
        for case in self:
            vals = {"state": "accepted", "date_entry": case.date_entry or today}
            if case in below:
                # Accepted all the same: who decided it, and why, is kept.
                vals.update(
                    eligibility_confirmed_by_id=self.env.user.id,
                    eligibility_confirmed_on=today,
                    eligibility_note=self.env.context.get("parcours_eligibility_note") or False,
                )
            case._write_system(vals)
        return True

    def _action_confirm_eligibility(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Fewer than two fields"),
            "res_model": "parcours.case.accept",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_refuse(self):
        """The person declines the approach: a valid outcome with no consequence."""
        if self.filtered(lambda c: c.state != "proposed"):
            raise UserError(self.env._("Only a proposed situation can be refused by the person."))
        self.check_access("write")
        self._write_system({"state": "refused", "date_end": False})

    def action_activate(self):
        """The approach starts once a référent is designated."""
        for case in self:
            if case.state != "accepted":
                raise UserError(self.env._("Only an accepted situation can be made active (%(name)s).", name=case.name))
            if not case.referent_intervenant_id and not case.referent_declined:
                raise UserError(
                    self.env._(
                        "Designate the référent de parcours of %(name)s (or record that the person declines to have "
                        "one) before activating it.",
                        name=case.name,
                    )
                )
        self.check_access("write")
        self._write_system({"state": "active"})

    def action_close(self):
        """Closes the accompaniment, ends the current référent designation and closes its plans (the closing
        assistant records the reason, the final review and the letter before calling it)."""
        return self._close()

    def _close(self, vals=None):
        """Ends the accompaniment: current designation ended, plans closed, personal spaces closed, situation
        closed with what the closing assistant recorded (``vals``: reason, hand-over...)."""
        self._check_grant()
        if self.filtered(lambda c: c.state not in ("accepted", "active")):
            raise UserError(self.env._("Only an accepted or active situation can be closed."))
        today = fields.Date.context_today(self)
        self.referent_designation_ids.filtered(lambda d: not d.date_end).write(
            {"date_end": today, "end_reason": "case_closed"}
        )
        self.projet_ids.filtered(lambda p: p.state != "closed").action_close()
        self._write_system({"state": "closed", "date_end": today, **(vals or {})})
        self.sudo().space_ids._revoke(self.env._("the accompaniment is closed"))
        return True

    def action_open_close(self):
        """Opens the closing assistant: reason, final review of the goals, hand-over and letter."""
        self.ensure_one()
        self._check_grant()
        if self.state not in ("accepted", "active"):
            raise UserError(self.env._("Only an accepted or active situation can be closed."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("End the accompaniment"),
            "res_model": "parcours.case.close",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _projet_in_force(self):
        """The adopted plan (or the one under review) whose goals are reviewed a last time at the end."""
        self.ensure_one()
        return self.env["parcours.projet"].search(
            [("case_id", "=", self.id), ("state", "in", ("adopted", "review"))], order="version desc", limit=1
        )

    def _file_closing_letter(self):
        """Renders the letter to the person and files it on the situation (its chatter, its file).

        Rendered by the system once who closes was checked (the référent's designation has just ended) and as a
        copy handed out: no refused subject is in it, like a signed decision record.
        """
        self.ensure_one()
        report = self.env["ir.actions.report"].sudo().with_context(parcours_shared_copy=True)
        content, kind = report._render_qweb_pdf("referent_parcours.action_report_parcours_case_close", self.ids)
        extension = "pdf" if kind == "pdf" else "html"
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.env._(
                        "Closing letter %(name)s.%(ext)s", name=self.name.replace("/", "-"), ext=extension
                    ),
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self._write_system({"close_letter_id": attachment.id})
        self.sudo().message_post(
            body=self.env._("The accompaniment ended: the letter to the person is filed."),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )
        return attachment

    def _close_letter_goals(self):
        """The goals reviewed at the end, as the person reads them (the letter is a copy handed out)."""
        self.ensure_one()
        if not self.close_projet_id:
            return self.env["parcours.objective"]
        return self.env["parcours.objective"]._search_for_reader(
            [("projet_id", "=", self.close_projet_id.id)], "domain_id, id"
        )

    def _close_reason_for_person(self):
        """Why it ended, in plain words for the person."""
        self.ensure_one()
        handover = self.env._(
            "From now on, %(structure)s takes over your accompaniment.", structure=self.handover_structure or ""
        )
        return {
            "goals_reached": self.env._("Together, we consider that the goals you had set are reached."),
            "person_stops": self.env._(
                "You chose to stop. This choice is yours: it changes nothing to the other help you receive."
            ),
            "moved_away": self.env._("You moved away: the accompaniment ends here."),
            "handover_ase": handover,
            "handover_pacea": handover,
            "handover_maia": handover,
            "handover_other": handover,
            "other": "",
        }.get(self.close_reason_code or "other", "")

    def _closing_signatory(self):
        """Who signs the letter: the référent whose designation the end closed, or who answered the person."""
        self.ensure_one()
        ended = self.sudo().referent_designation_ids.filtered(lambda d: d.end_reason == "case_closed")[:1]
        return ended.partner_id or self.env.user.partner_id

    def _record_referent_declined(self, date, method, note=None):
        """The person declines to designate a référent: a valid state of an open situation, recorded by who
        answers the person."""
        self._check_grant()
        for case in self:
            if case.state not in ("accepted", "active"):
                raise UserError(
                    self.env._(
                        "The person's choice about a référent is recorded while the accompaniment runs (%(name)s).",
                        name=case.name,
                    )
                )
            if case.referent_designation_ids.filtered(lambda d: not d.date_end):
                raise UserError(
                    self.env._("End the current designation of %(name)s before recording this choice.", name=case.name)
                )
        self._write_system(
            {
                "referent_declined": True,
                "referent_declined_date": date,
                "referent_declined_method": method,
                "referent_declined_note": note or False,
            }
        )
        for case in self:
            case.sudo().message_post(
                body=self.env._(
                    "The person declines to designate a référent de parcours (%(date)s): they are accompanied all "
                    "the same and may choose one at any time.",
                    date=date,
                ),
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )

    def _schedule_close_activity(self):
        """The person withdrew their agreement to join: who answers them ends the approach with them."""
        self.ensure_one()
        user = self._answering_user()
        if not user:
            return
        self.sudo().activity_schedule(
            "referent_parcours.mail_activity_type_case_close",
            user_id=user.id,
            note=self.env._(
                "The person withdrew their agreement to join the approach: end the accompaniment with them (button "
                "Close on the situation: reason, last review of the goals, letter)."
            ),
        )

    def _designate_in_commission(self, intervenant, passage, date):
        """Designates the référent a signed decision record names (system path, called once the record is
        validated): the current designation ends, the new one is linked to the passage, the family's signature
        recorded as their agreement."""
        self.ensure_one()
        case_sudo = self.sudo()
        current = case_sudo.referent_designation_ids.filtered(lambda d: not d.date_end)
        if current:
            current.write(
                {
                    "date_end": max(date, current.date_start),
                    "end_reason": "person_choice",
                    "end_note": self.env._(
                        "Another référent chosen in commission (%(passage)s).", passage=passage.name
                    ),
                }
            )
        designation = (
            self.env["parcours.referent"]
            .sudo()
            .create(
                {
                    "case_id": self.id,
                    "intervenant_id": intervenant.id,
                    "person_choice": "chosen",
                    "agreement": "releve",
                    "date_accepted": max(date, current.date_end or date),
                    "date_start": max(date, current.date_end or date),
                    "designated_in_commission": True,
                    "passage_id": passage.id,
                }
            )
        )
        case_sudo.message_post(
            body=self.env._(
                "%(name)s is the référent de parcours from %(date)s, chosen in commission (%(passage)s).",
                name=designation.partner_id.name,
                date=designation.date_start,
                passage=passage.name,
            ),
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )
        return designation

    def _hand_over_line(self, line, successor):
        """A professional leaves (system path, once the manager's hand-over was checked): their line ends today,
        their designation too (they keep reading during the handover period); the successor is listed, proposed
        to the person rather than designated, and asked to confirm with the person at the next contact."""
        self.ensure_one()
        case_sudo = self.sudo()
        today = fields.Date.context_today(self)
        line = line.sudo()
        was_referent = line.is_referent
        if was_referent:
            line.referent_designation_ids.filtered(lambda d: not d.date_end).write(
                {
                    "date_end": today,
                    "end_reason": "professional_left",
                    "end_note": self.env._("Handed over to %(name)s.", name=successor.name),
                }
            )
        line.write(
            {
                "date_end": max(today, line.date_start),
                "end_reason": self.env._("Left the structure; handed over to %(name)s.", name=successor.name),
            }
        )
        existing = case_sudo.intervenant_ids.filtered(lambda i: i.user_id == successor and i.is_active)
        if existing:
            if was_referent:
                existing.write({"proposed_successor": True})
        else:
            self.env["parcours.intervenant"].sudo().create(
                {
                    "case_id": self.id,
                    "partner_id": successor.partner_id.id,
                    "structure_id": line.structure_id.id,
                    "accompaniment": line.accompaniment,
                    "date_start": today,
                    "proposed_successor": was_referent,
                }
            )
        role = (
            self.env._("their référent de parcours, if they choose you")
            if was_referent
            else self.env._("a professional who follows them")
        )
        case_sudo.activity_schedule(
            "referent_parcours.mail_activity_type_referent_takeover",
            user_id=successor.id,
            note=self.env._(
                "You take over from %(name)s, who left. Confirm with the person at the next contact that you follow "
                "them as %(role)s: the choice stays theirs.",
                name=line.partner_id.name,
                role=role,
            ),
        )
        case_sudo.message_post(
            body=self.env._(
                "%(name)s left; %(successor)s takes over, to be confirmed with the person.",
                name=line.partner_id.name,
                successor=successor.name,
            ),
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )

    def _clear_referent_declined(self):
        """The person chose a référent after all: the earlier refusal no longer holds."""
        declined = self.sudo().filtered("referent_declined")
        if declined:
            declined._write_system(
                {
                    "referent_declined": False,
                    "referent_declined_date": False,
                    "referent_declined_method": False,
                    "referent_declined_note": False,
                }
            )

    def _cancel_future_passages(self):
        """The person withdrew their consent to be discussed in commission: the passages still to come are
        cancelled (their events leave the calendars), the invitees who were told are told again, neutrally,
        and who answers the person gets an activity per passage."""
        now = fields.Datetime.now()
        passages = self.sudo().passage_ids.filtered(
            lambda p: p.state in ("requested", "scheduled") and (not p.start or p.start > now)
        )
        if not passages:
            return passages
        told = passages.invitee_ids.filtered(lambda i: (i.mail_id or i.letter_id) and i._can_be_emailed())
        passages._write_system({"state": "cancelled"})
        if told:
            told._template_mails(
                "referent_parcours.mail_template_parcours_passage_cancelled",
                dict.fromkeys(told, self.env["ir.attachment"]),
            )
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        activity_type = self.env.ref("referent_parcours.mail_activity_type_commission_consent_withdrawn")
        for passage in passages:
            case_sudo = passage.case_id.sudo()
            user = case_sudo._answering_user() or passage.requested_by_id
            session = passage.commission_id.name or self.env._("the session still to be chosen")
            note = self.env._(
                "The person withdrew their consent to commission: the passage of %(session)s is cancelled.",
                session=session,
            )
            if user:
                case_sudo.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    date_deadline=fields.Date.context_today(self),
                    note=note,
                )
            case_sudo.message_post(body=note, subtype_xmlid="mail.mt_note", author_id=self.env.user.partner_id.id)
        return passages

    def action_produce_person_file(self):
        """Opens the right-of-access assistant on this situation (its référent produces the file)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("The person's file"),
            "res_model": "parcours.person.file",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _check_parcours_report(self, report):
        """The person's own accompaniment list is printed by the professionals who follow her: not by the pilot
        or the secretariat, who read the situation for a commission, nor during an exceptional access."""
        if report.report_name in PERSON_LIST_REPORTS and not all(self.mapped("access_involved")):
            raise AccessError(
                self.env._("The accompaniment list is printed by the professionals who follow the situation.")
            )

    def _accompaniment_list_values(self):
        """What the Paris accompaniment list prints: who the person is, her answers B, C and D, her list.

        Read as the system once the reader's access is checked (the report checks who prints it).
        """
        self.ensure_one()
        self.check_access("read")
        case_sudo = self.sudo()
        partner_sudo = case_sudo.partner_id
        person_sudo = case_sudo.member_ids.filtered(lambda m: m.relationship == "self")[:1]
        designation_sudo = case_sudo.referent_designation_ids.filtered(lambda d: not d.date_end)[:1]
        chosen = designation_sudo.person_choice == "chosen"
        if case_sudo.state == "refused":
            wants_approach = "no"
        else:
            wants_approach = "yes" if case_sudo.joined else False
        if chosen:
            chose_referent = "yes"
        else:
            chose_referent = "no" if case_sudo.state in ("accepted", "active", "closed") else False
        has_locker = bool(case_sudo.space_ids.filtered(lambda s: s.state == "active"))
        return {
            "title": partner_sudo.title.name or "",
            "lastname": person_sudo.lastname or partner_sudo.name,
            "firstname": person_sudo.firstname or "",
            "birthdate": person_sudo.birthdate,
            "email": partner_sudo.email or "",
            "phone": partner_sudo.phone or "",
            "mobile": partner_sudo.mobile or "",
            "address": partner_sudo._parcours_postal_address(),
            "intervenants": case_sudo.intervenant_ids.filtered("is_active"),
            "wants_approach": wants_approach,
            "chose_referent": chose_referent,
            "referent_name": designation_sudo.partner_id.name if chosen else "",
            "wants_locker": "yes" if has_locker else case_sudo.locker_wish,
        }

    def action_designate_referent(self):
        """Opens the designation wizard: the person chooses, the professional accepts."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Designate the référent de parcours"),
            "res_model": "parcours.referent.designate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_request_passage(self):
        """Opens a new passage in commission for this situation, with its invitees proposed."""
        self.ensure_one()
        if not self._has_commission_consent():
            raise UserError(
                self.env._(
                    "Record the person's consent to be discussed in commission for %(name)s before asking for a "
                    "passage.",
                    name=self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request a passage in commission"),
            "res_model": "parcours.passage",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_view_passages(self):
        """The situation's timeline of past and future passages."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("referent_parcours.parcours_passage_action_case")
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_view_projet(self):
        """Opens the plan being built, or the one in force, or starts one."""
        self.ensure_one()
        projets = self.projet_ids.sorted("version", reverse=True)
        projet = (
            projets.filtered(lambda p: p.state == "draft")[:1]
            or projets.filtered(lambda p: p.state in ("adopted", "review"))[:1]
            or projets[:1]
        )
        if not projet:
            projet = self.env["parcours.projet"].create({"case_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "parcours.projet",
            "res_id": projet.id,
            "view_mode": "form",
        }

    def action_open_space_grant(self):
        """Opens the personal space of the person (or a household member), with their agreement."""
        self.ensure_one()
        self._check_may_manage_space()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Open a personal space"),
            "res_model": "parcours.space.grant",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_view_spaces(self):
        self.ensure_one()
        return self._portal_action("parcours_person_space_action", self.env._("Personal spaces"))

    def action_view_documents(self):
        self.ensure_one()
        return self._portal_action("parcours_document_action", self.env._("Documents of the person"))

    def action_view_portal_requests(self):
        self.ensure_one()
        return self._portal_action("parcours_portal_request_action", self.env._("Requests of the person"))

    def _portal_action(self, xmlid, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(f"referent_parcours.{xmlid}")
        action.update({"name": name, "domain": [("case_id", "=", self.id)], "context": {"default_case_id": self.id}})
        return action

    def _check_may_manage_space(self):
        """Only the référent (or an administrator) opens or closes the person's space."""
        is_admin = self.env.user.has_group("referent_parcours.group_parcours_admin")
        for case in self:
            if self.env.su or (is_admin and case.access_exceptional):
                continue
            if case.state not in ("accepted", "active"):
                raise UserError(
                    self.env._(
                        "A personal space is opened only while the accompaniment runs (%(name)s).", name=case.name
                    )
                )
            if case.referent_user_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only the référent de parcours of %(name)s opens or closes the person's space.", name=case.name
                    )
                )

    def _has_commission_consent(self):
        """A consent to be discussed in commission (or the parents' information) is in force."""
        self.ensure_one()
        return any(c.consent_type == "commission" and not c.withdrawal_date for c in self.sudo().consent_ids)

    def _flag_people(self):
        """Marks the person's contact as accompanied, so it stays hidden from the uninvolved."""
        self.partner_id.filtered(lambda p: not p.parcours_is_person).sudo().parcours_is_person = True

    def _prepare_proposer_intervenant_vals(self):
        self.ensure_one()
        user = self.env.user
        return {
            "case_id": self.id,
            "partner_id": user.partner_id.id,
            "structure_id": self.proposing_structure_id.id or user.company_id.partner_id.id,
            "function": user.partner_id.function,
            "is_proposer": True,
        }

    def _add_proposer(self, lines):
        """The professional who opens a situation follows it: the system lists them as its proposer.

        When the client listed the creator among the professionals, that line becomes the proposer's.
        """
        self.ensure_one()
        vals = self._prepare_proposer_intervenant_vals()
        commands = lines.get("intervenant_ids") or []
        for command in list(commands):
            if command[0] == Command.CREATE and command[2].get("partner_id") == vals["partner_id"]:
                commands.remove(command)
                vals.update({key: value for key, value in command[2].items() if key != "is_proposer"}, is_proposer=True)
        self.env["parcours.intervenant"].sudo().create(vals)

    def _check_opening_vals(self, vals):
        """A situation is opened for a contact and an organisation the user may choose."""
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        if partner and not partner.has_access("read"):
            raise AccessError(self.env._("You cannot choose this contact: it is not among the contacts you may see."))
        company = self.env["res.company"].browse(vals.get("company_id"))
        if company and company not in self.env.user.company_ids:
            raise AccessError(self.env._("A situation belongs to one of your own organisations."))

    def _check_grant(self):
        """Who follows a situation, and what the person agreed to, is changed by who answers the person.

        That is the référent (or, while none is designated, the professional who proposed the approach), or
        an administrator of the addon during an exceptional access to the situation. Nobody else, and the
        message names nothing the caller may not read.
        """
        if self.env.su:
            return
        denied = self.filtered(lambda case: not case.access_answering)
        if denied and self.env.user.has_group("referent_parcours.group_parcours_admin"):
            denied = denied.filtered(lambda case: not case.access_exceptional)
        if denied:
            raise AccessError(
                self.env._(
                    "Only the référent de parcours of the situation (or, before one is designated, the professional "
                    "who proposed the approach) can change who follows it or record what the person agreed to."
                )
            )

    def _allowed_follower_partners(self):
        """Professionals who may receive this situation's messages, with or without a login.

        The person and household members are not among them: messages posted here are
        professional exchanges, and the person's own messaging goes through their space.
        """
        self.ensure_one()
        active = self.sudo().intervenant_ids.filtered("is_active")
        if not self.sudo().sharing_in_force:
            active = active.filtered(lambda i: i.is_referent or i._answers_without_referent())
        # A line with a login gives access to that login: its contact follows, not the line's contact.
        return active.mapped(lambda i: i.user_id.partner_id or i.partner_id)

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """Whoever follows, a notification of the situation reaches only who may read it today (a line that
        ended on its date, a login changed): the followers themselves are tidied by the daily job."""
        recipients = super()._notify_get_recipients(message, msg_vals=msg_vals, **kwargs)
        if len(self) != 1 or not recipients:
            return recipients
        may_follow = partial(self._may_follow, allowed=self._allowed_follower_partners())
        partners = self.env["res.partner"].sudo().browse({recipient["id"] for recipient in recipients})
        readers = partners.filtered(may_follow)
        return [recipient for recipient in recipients if recipient["id"] in readers.ids]

    def _may_follow(self, partner, allowed):
        """A partner may follow when listed and allowed, or when one of its users follows the case: reading it
        as the pilot, during an exceptional access or a hand-over is not following its file."""
        self.ensure_one()
        if partner in allowed:
            return True
        return any(self.with_user(user).access_involved for user in partner.user_ids if user._is_internal())

    def message_post(self, **kwargs):
        """Only who follows the situation writes in its file; the system (sudo) notes what it does."""
        if not self.env.su and self.filtered(lambda case: not case.access_involved):
            raise AccessError(self.env._("Only the professionals who follow the situation write in its file."))
        return super().message_post(**kwargs)

    def _sync_followers(self, joining=None):
        """The one decision of who follows the situation, called wherever who is entitled changes (see
        parcours.entitling.mixin): the professionals who lost access stop following, so no notification
        reaches them; those of ``joining`` (accompaniment lines just given or changed) with a login start
        following when they may read it; the person's space follows who answers them."""
        joining = joining if joining is not None else self.env["parcours.intervenant"]
        joining_by_case = joining.sudo().filtered(lambda i: i.is_active and i.user_id).grouped("case_id")
        for case in self:
            case_sudo = case.sudo()
            may_follow = partial(case._may_follow, allowed=case._allowed_follower_partners())
            followers = case_sudo.message_partner_ids
            gone = followers - followers.filtered(may_follow)
            if gone:
                case_sudo.message_unsubscribe(partner_ids=gone.ids)
            joining_lines = joining_by_case.get(case, self.env["parcours.intervenant"])
            newcomers = (joining_lines.user_id.partner_id - followers).filtered(may_follow)
            if newcomers:
                case_sudo.message_subscribe(partner_ids=newcomers.ids)
        self.sudo().space_ids.filtered(lambda s: s.state == "active")._sync_followers()

    def _answering_intervenant(self):
        """Who answers the person: their référent, or while none is designated the professional who proposed."""
        self.ensure_one()
        case = self.sudo()
        return case.referent_intervenant_id or case._answering_lines()[:1]

    def _answering_user(self):
        """The login that gets the person's requests as activities (the proposer's when the référent has none)."""
        self.ensure_one()
        case = self.sudo()
        return case.referent_user_id or case._answering_lines().user_id[:1]

    def _answering_lines(self):
        """While no référent is designated: the professional who proposed the approach, then the one proposed
        to take over from a référent who left."""
        self.ensure_one()
        lines = self.sudo().intervenant_ids.filtered(lambda i: i.is_active and i._answers_without_referent())
        return lines.sorted(lambda i: not i.is_proposer)

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Refuses followers who are not entitled to read the situation, naming none of them."""
        if partner_ids and not self.env.su:
            self.check_access("write")
            partners = self.env["res.partner"].sudo().browse(partner_ids)
            for case in self:
                allowed = case._allowed_follower_partners()
                refused = partners.filtered(lambda p, case=case, allowed=allowed: not case._may_follow(p, allowed))
                if refused:
                    raise UserError(
                        self.env._(
                            "%(count)s of the contacts chosen cannot follow this situation: only the professionals "
                            "listed and allowed by the person's consent can receive its messages.",
                            count=len(refused),
                        )
                    )
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    @api.model
    def _cron_sync_followers(self):
        """Accompaniment lines and designations start and end on their dates without a write: the situations
        where one started or ended in the last week decide their followers again."""
        today = fields.Date.context_today(self)
        week_ago = fields.Date.subtract(today, days=7)
        starting = (
            self.env["parcours.intervenant"]
            .sudo()
            .search([("date_start", ">=", week_ago), ("date_start", "<=", today)])
        )
        ending = self.sudo().search(
            [
                "|",
                "&",
                ("intervenant_ids.date_end", ">=", week_ago),
                ("intervenant_ids.date_end", "<=", today),
                "&",
                ("referent_designation_ids.date_end", ">=", week_ago),
                ("referent_designation_ids.date_end", "<=", today),
            ]
        )
        (ending | starting.case_id)._sync_followers(starting)

    def _cron_referent_continuity(self):
        """Schedules a 'designate a successor' activity before each référent's mission ends."""
        activity_type = self.env.ref("referent_parcours.mail_activity_type_referent_succession")
        for company in self.env["res.company"].search([]):
            cases = self.with_company(company).search(
                [("company_id", "=", company.id), ("referent_succession_due", "=", True)]
            )
            already = cases.activity_ids.filtered(lambda a: a.activity_type_id == activity_type).mapped("res_id")
            for case in cases - cases.browse(already):
                case._schedule_succession_activity(activity_type)

    def _schedule_succession_activity(self, activity_type):
        self.ensure_one()
        user = self._answering_user()
        self.activity_schedule(
            activity_type_id=activity_type.id,
            date_deadline=self.referent_mission_end,
            user_id=(user or self.env.user).id,
            note=self.env._(
                "The référent's intervention ends on %(date)s: ask the person whom they choose as successor.",
                date=self.referent_mission_end,
            ),
        )

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------

    @api.model
    def _retention_last_contacts(self):
        """The last contact with the person of every closed or refused situation: the latest of its end (or its
        proposal), its last passage, the person's last message in their space, the last document."""
        self.flush_model()
        self.env["parcours.passage"].flush_model()
        self.env["parcours.document"].flush_model()
        self.env["mail.message"].flush_model(["model", "res_id", "author_id", "date"])
        self.env.cr.execute("""
            SELECT c.id, c.company_id, c.name, c.state,
                   GREATEST(
                       COALESCE(c.date_end, c.date_proposed), p.last_date, m.last_date, d.last_date
                   ) AS last_contact
              FROM parcours_case c
         LEFT JOIN (SELECT case_id, max(start)::date AS last_date FROM parcours_passage
                     WHERE state IN ('scheduled', 'held', 'postponed') GROUP BY case_id) p ON p.case_id = c.id
         LEFT JOIN (SELECT s.case_id, max(msg.date)::date AS last_date
                      FROM parcours_person_space s
                      JOIN mail_message msg ON msg.model = 'parcours.person.space' AND msg.res_id = s.id
                                           AND msg.author_id = s.partner_id
                  GROUP BY s.case_id) m ON m.case_id = c.id
         LEFT JOIN (SELECT case_id, max(create_date)::date AS last_date FROM parcours_document GROUP BY case_id) d
                ON d.case_id = c.id
             WHERE c.state IN ('closed', 'refused')
        """)
        return self.env.cr.dictfetchall()

    @api.model
    def _retention_due(self, on_date, with_dates=False, companies=None):
        """The situations whose retention is over on that date, and those a legal hold keeps (of these
        organisations only, when given)."""
        months = {
            company.id: company.parcours_retention_months for company in self.env["res.company"].sudo().search([])
        }
        held_ids = set(self.env["parcours.legal.hold"].sudo().search([]).case_id.ids)
        due, held = [], []
        for row in self._retention_last_contacts():
            if companies is not None and row["company_id"] not in companies.ids:
                continue
            delete_on = row["last_contact"] + relativedelta(months=months.get(row["company_id"], 24))
            if delete_on <= on_date:
                (held if row["id"] in held_ids else due).append({**row, "delete_on": delete_on})
        if with_dates:
            return due, held
        return self.sudo().browse([row["id"] for row in due]), self.sudo().browse([row["id"] for row in held])

    def _retention_delete(self):
        """Deletes these situations with everything attached, keeping their steering rows as anonymous counts.

        Household, accompaniment list, consents, refused subjects, notes, plans and goals, decision records and
        signatures, passages with their calendar events and attendees, chatter, activities, followers,
        attachments, documents, personal spaces with their portal logins, consultation log lines, and the
        person's and household's contacts when nothing else uses them.
        """
        cases = self.sudo().with_context(active_test=False)
        if not cases:
            return
        ids = tuple(cases.ids)
        for model in (
            "parcours.steering.situation",
            "parcours.steering.passage",
            "parcours.steering.attendance",
            "parcours.steering.partner",
            "parcours.steering.journey",
        ):
            self.env[model]._archive_cases(ids)
        by_case = [("case_id", "in", ids)]
        related = {
            model: self.env[model].sudo().with_context(active_test=False).search(by_case)
            for model in (
                "parcours.case.member",
                "parcours.intervenant",
                "parcours.referent",
                "parcours.consent",
                "parcours.refused.subject",
                "parcours.note",
                "parcours.projet",
                "parcours.objective",
                "parcours.diagnostic.line",
                "parcours.projet.step",
                "parcours.releve",
                "parcours.passage",
                "parcours.person.space",
                "parcours.document",
                "parcours.portal.request",
                "parcours.exceptional.access",
            )
        }
        related["parcours.case"] = cases
        related["parcours.passage.invitee"] = related["parcours.passage"].invitee_ids
        related["parcours.releve.review"] = related["parcours.releve"].review_ids
        related["parcours.releve.signature"] = related["parcours.releve"].signature_ids
        spaces = related["parcours.person.space"]
        people = cases.partner_id | related["parcours.case.member"].partner_id
        logins = spaces.user_id
        events = related["parcours.passage"].with_context(active_test=False).event_id
        attached = expression.OR(
            [
                [("res_model", "=", model), ("res_id", "in", records.ids)]
                for model, records in related.items()
                if records
            ]
        )
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(attached + ["|", ("res_field", "=", False), ("res_field", "!=", False)])
        )
        # E-mails sent about the situation (invitations, signed records) carry its letters and names.
        (
            related["parcours.passage.invitee"].mail_id
            | self.env["mail.mail"].sudo().search([("attachment_ids", "in", attachments.ids)])
        ).unlink()
        for model, records in related.items():
            if records:
                self.env["mail.message"].sudo().search([("model", "=", model), ("res_id", "in", records.ids)]).unlink()
        self.env["mail.activity"].sudo().search(attached).unlink()
        self.env["mail.followers"].sudo().search(attached).unlink()
        attachments.unlink()
        events.sudo().with_context(no_mail_to_attendees=True).unlink()
        # The records themselves, in SQL: the delete guards protect history while the situation lives.
        # Where Odoo restricts (a decision record's passage, a designation's line), children go first.
        for table in ("parcours_releve", "parcours_referent", "parcours_access_log", "parcours_legal_hold"):
            self.env.cr.execute(SQL("DELETE FROM %s WHERE case_id IN %s", SQL.identifier(table), ids))
        self.env.cr.execute(SQL("DELETE FROM parcours_case WHERE id IN %s", ids))
        self.env.invalidate_all()
        still_needed = self.env["parcours.person.space"].sudo().search([("user_id", "in", logins.ids)]).user_id
        for user in (logins - still_needed).exists():
            with self.env.cr.savepoint():
                user.sudo().unlink()
        used = (
            self.env["parcours.case"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", people.ids)])
            .partner_id
            | self.env["parcours.case.member"].sudo().search([("partner_id", "in", people.ids)]).partner_id
        )
        contacts = (
            (people - used)
            .exists()
            .sudo()
            .with_context(active_test=False)
            .filtered(lambda partner: not partner.user_ids and not partner.is_company)
        )
        try:
            with self.env.cr.savepoint():
                contacts.unlink()
        except Exception:  # noqa: BLE001 - one contact is used elsewhere in the ERP: sort them out one by one
            for partner in contacts:
                try:
                    with self.env.cr.savepoint():
                        partner.unlink()
                except Exception:  # noqa: BLE001 - a contact used elsewhere in the ERP stays, archived
                    partner.active = False

    # ------------------------------------------------------------------
    # Right of access
    # ------------------------------------------------------------------

    def _consultations(self):
        """Who consulted the file, for the person: date, structure, function and purpose of each consultation
        by a professional within the log's retention (the lines are purged after it), newest first."""
        self.ensure_one()
        Log = self.env["parcours.access.log"]
        lines = Log.sudo().search([("case_id", "=", self.id)], order="date desc, id desc")
        return [
            {
                "date": line.date,
                "structure": line.structure_name,
                "function": line.function,
                "channel": line.channel,
                "purpose": Log._purpose_for_person(line.channel),
                "reason": line._reason_for_person() if line.channel == "exceptional" else False,
            }
            for line in lines
        ]
