from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

# What decides who reads the situation: changed only by who may give that access.
ENTITLEMENT_FIELDS = {"case_id", "partner_id", "user_id", "date_start", "date_end", "is_proposer", "proposed_successor"}


class ParcoursIntervenant(models.Model):
    _name = "parcours.intervenant"
    _description = "Professional following a situation"
    _inherit = ["parcours.anchor.mixin", "parcours.entitling.mixin"]
    _parcours_entitling_fields = ("date_start", "date_end", "partner_id", "case_id", "user_id")
    _parcours_anchor_fields = ("case_id",)
    _order = "case_id, is_referent desc, date_start, id"
    _rec_names_search = ["partner_id.name", "structure_id.name"]

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner",
        string="Professional",
        required=True,
        index=True,
        domain=[("parcours_is_person", "=", False), ("is_company", "=", False)],
    )
    user_id = fields.Many2one(
        "res.users",
        string="User",
        compute="_compute_user_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        help="The professional's login, when they use the software. Access to the situation follows it.",
    )
    structure_id = fields.Many2one(
        "res.partner",
        string="Structure",
        required=True,
        index=True,
        compute="_compute_structure_id",
        store=True,
        precompute=True,
        readonly=False,
        domain=[("is_company", "=", True)],
    )
    structure_type_id = fields.Many2one(
        related="structure_id.parcours_structure_type_id", store=True, string="Structure type"
    )
    function = fields.Char(compute="_compute_contact", store=True, readonly=False, precompute=True)
    phone = fields.Char(compute="_compute_contact", store=True, readonly=False, precompute=True)
    email = fields.Char(compute="_compute_contact", store=True, readonly=False, precompute=True)
    accompaniment = fields.Char(
        string="Accompaniment or measure",
        help="Nature of the accompaniment or measure in progress, in words the person understands.",
    )
    frequency = fields.Char(
        help="How often the professional sees the person, in plain words: every week, once a month...",
    )
    beneficiary_member_ids = fields.Many2many(
        "parcours.case.member",
        string="Beneficiaries",
        domain="[('case_id', '=', case_id)]",
        help="Household members this accompaniment is for; leave empty for the whole household.",
    )
    date_start = fields.Date(string="Start date", required=True, default=fields.Date.context_today)
    date_end = fields.Date(
        string="End date",
        help="Deadline (échéance) of the accompaniment. From this date on, the professional no longer "
        "follows the situation and no longer sees it.",
    )
    end_reason = fields.Char()
    is_active = fields.Boolean(
        string="Follows the situation",
        compute="_compute_is_active",
        search="_search_is_active",
        help="Computed from the dates at each access, so that access ends on the end date itself.",
    )
    is_proposer = fields.Boolean(
        string="Proposed the approach",
        help="The professional who proposed the approach keeps access to record the person's choices.",
    )
    proposed_successor = fields.Boolean(
        string="Proposed as successor",
        readonly=True,
        help="Proposed by the organisation to take over from a référent who left: while the person has not chosen "
        "a new référent, this professional answers them like the one who proposed the approach, and confirms "
        "the person's choice at the next contact.",
    )
    referent_designation_ids = fields.One2many("parcours.referent", "intervenant_id")
    is_referent = fields.Boolean(string="Référent", compute="_compute_is_referent", store=True, index=True)

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "An intervention cannot end before it starts: set an end date on or after the start date.",
        ),
    ]

    @api.depends("partner_id")
    def _compute_user_id(self):
        """The login of the contact, when the contact is an internal user."""
        for intervenant in self:
            internal = intervenant.partner_id.sudo().user_ids.filtered(lambda u: u._is_internal())
            intervenant.user_id = internal[:1]

    @api.depends("partner_id")
    def _compute_structure_id(self):
        """Defaults to the organisation the contact belongs to, or the one their login works for."""
        for intervenant in self:
            if not intervenant.structure_id:
                partner = intervenant.partner_id
                users = partner.sudo().user_ids.filtered(lambda u: u._is_internal())
                intervenant.structure_id = partner.parent_id or users[:1].company_id.partner_id

    @api.depends("partner_id")
    def _compute_contact(self):
        """Copies the contact's details, which can then be adapted for this situation."""
        for intervenant in self:
            partner = intervenant.partner_id
            intervenant.function = intervenant.function or partner.function
            intervenant.phone = intervenant.phone or partner.phone or partner.mobile
            intervenant.email = intervenant.email or partner.email

    @api.depends("date_start", "date_end")
    @api.depends_context("date")
    def _compute_is_active(self):
        """An intervention is active from its start date until the day before its end date."""
        today = fields.Date.context_today(self)
        for intervenant in self:
            intervenant.is_active = (
                bool(intervenant.date_start)
                and intervenant.date_start <= today
                and (not intervenant.date_end or intervenant.date_end > today)
            )

    def _search_is_active(self, operator, value):
        today = fields.Date.context_today(self)
        domain = ["&", ("date_start", "<=", today), "|", ("date_end", "=", False), ("date_end", ">", today)]
        wanted = self.env["parcours.access.mixin"]._access_condition_wanted(operator, value)
        return domain if wanted else ["!", *domain]

    @api.depends("referent_designation_ids.date_end")
    def _compute_is_referent(self):
        """Référent while one of their designations has not ended."""
        for intervenant in self:
            intervenant.is_referent = any(not d.date_end for d in intervenant.referent_designation_ids)

    @api.depends("partner_id", "structure_id")
    def _compute_display_name(self):
        for intervenant in self:
            name = intervenant.partner_id.name or ""
            if intervenant.structure_id:
                name = f"{name} ({intervenant.structure_id.name})"
            intervenant.display_name = name

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        wrong = self.filtered(lambda i: i.date_end and i.date_start and i.date_end < i.date_start)
        if wrong:
            raise ValidationError(
                self.env._(
                    "An intervention cannot end before it starts: set an end date on or after the start date "
                    "(%(names)s).",
                    names=", ".join(wrong.mapped("partner_id.name")),
                )
            )

    def _overlaps(self, other):
        """Whether another line lists the same professional over an overlapping period."""
        self.ensure_one()
        return (
            other != self
            and other.partner_id == self.partner_id
            and (not other.date_end or other.date_end > self.date_start)
            and (not self.date_end or self.date_end > other.date_start)
        )

    @api.constrains("case_id", "partner_id", "date_start", "date_end")
    def _check_no_duplicate(self):
        for intervenant in self:
            same = intervenant.case_id.intervenant_ids.filtered(intervenant._overlaps)
            if same:
                raise ValidationError(
                    self.env._(
                        "%(name)s already follows situation %(case)s over these dates: "
                        "update the existing line instead of adding a second one.",
                        name=intervenant.partner_id.name,
                        case=intervenant.case_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if any(not vals.get("partner_id") for vals in vals_list):
            raise ValidationError(
                self.env._("Choose the professional (their contact) for each line of the accompaniment list.")
            )
        if not self.env.su:
            self._check_not_self_granted(vals_list)
            self.env["parcours.case"].browse({vals.get("case_id") for vals in vals_list})._check_grant()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and ENTITLEMENT_FIELDS & set(vals):
            self._check_not_self_granted([vals])
            if not self._only_ends_own_intervention(vals):
                self.case_id._check_grant()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_referent(self):
        referents = self.filtered("is_referent")
        if referents:
            raise UserError(
                self.env._(
                    "%(names)s is the référent de parcours: end the designation before removing them from the list.",
                    names=", ".join(referents.mapped("partner_id.name")),
                )
            )
        if not self.env.su:
            self.case_id._check_grant()

    def _check_not_self_granted(self, vals_list):
        """Nobody lists themselves, nor flags a proposer: the system records who proposed the approach."""
        user = self.env.user
        for vals in vals_list:
            if any(vals.get(fname) or (fname in vals and self) for fname in ("is_proposer", "proposed_successor")):
                raise AccessError(
                    self.env._("Who proposed the approach is recorded by the system when the situation is opened.")
                )
            if vals.get("partner_id") == user.partner_id.id or vals.get("user_id") == user.id:
                raise AccessError(
                    self.env._(
                        "You cannot add yourself to an accompaniment list: the référent de parcours adds the "
                        "professionals the person agrees to."
                    )
                )

    def _only_ends_own_intervention(self, vals):
        """A professional may end (or bring forward the end of) their own intervention, nothing more."""
        end = vals.get("date_end")
        return (
            set(vals) <= {"date_end", "end_reason"}
            and bool(end)
            and all(
                line.user_id == self.env.user and (not line.date_end or fields.Date.to_date(end) <= line.date_end)
                for line in self
            )
        )

    def action_end(self):
        """Ends the intervention today: the professional loses access at once."""
        self.check_access("write")
        today = fields.Date.context_today(self)
        for intervenant in self:
            if intervenant.is_referent:
                raise UserError(
                    self.env._(
                        "%(name)s is the référent de parcours of %(case)s: designate a successor (or end the "
                        "designation) before ending their intervention.",
                        name=intervenant.partner_id.name,
                        case=intervenant.case_id.name,
                    )
                )
            intervenant.date_end = max(min(intervenant.date_end or today, today), intervenant.date_start)

    def _answers_without_referent(self):
        """This line answers the person while no référent is designated: it proposed the approach, or it was
        proposed to take over from a référent who left."""
        self.ensure_one()
        return self.is_proposer or self.proposed_successor

    def _followers_joining(self):
        """A line given or changed lets its professional follow the situation."""
        return self

    def _accompaniment_lines(self):
        """One line per intervention, as the forms print it: nature, professional (structure), deadline."""
        return "\n".join(
            " — ".join(
                filter(
                    None,
                    [
                        intervenant.accompaniment,
                        f"{intervenant.partner_id.name} ({intervenant.structure_id.name})",
                        intervenant.date_end and format_date(self.env, intervenant.date_end),
                    ],
                )
            )
            for intervenant in self
        )
