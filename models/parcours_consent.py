from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ParcoursConsent(models.Model):
    _name = "parcours.consent"
    _description = "Consent or legal basis for the approach"
    _inherit = ["parcours.anchor.mixin", "parcours.entitling.mixin"]
    _parcours_entitling_fields = ("consent_type", "basis", "date", "withdrawal_date")
    _parcours_anchor_fields = ("case_id",)
    _order = "case_id, date desc, id desc"
    _rec_name = "consent_type"

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    consent_type = fields.Selection(
        [
            ("join", "To join the approach"),
            ("share", "To share information between the listed professionals"),
            ("commission", "To be discussed in commission"),
        ],
        string="Purpose",
        required=True,
    )
    basis = fields.Selection(
        [
            ("consent", "Consent of the person"),
            ("information", "Information of the parents (child protection, CASF L.226-2-2)"),
        ],
        string="Legal basis",
        required=True,
        default="consent",
    )
    date = fields.Date(string="Given on", required=True, default=fields.Date.context_today)
    method = fields.Selection(
        [
            ("written", "Signed form"),
            ("oral", "Orally, during an interview"),
            ("portal", "By the person, on their own space"),
            ("letter", "Letter informing the parents"),
            ("other", "Other"),
        ],
        string="How it was collected",
        required=True,
        default="written",
    )
    recorded_by_id = fields.Many2one(
        "res.users", string="Recorded by", required=True, readonly=True, default=lambda self: self.env.user
    )
    scope = fields.Text(help="What may be shared, and with whom, in the person's terms.")
    withdrawal_date = fields.Date(string="Withdrawn on", readonly=True, copy=False)
    withdrawal_reason = fields.Text(readonly=True, copy=False)
    withdrawn_by_id = fields.Many2one("res.users", string="Withdrawal recorded by", readonly=True, copy=False)
    state = fields.Selection(
        [("in_force", "In force"), ("withdrawn", "Withdrawn")],
        compute="_compute_state",
        store=True,
    )

    @api.depends("withdrawal_date")
    def _compute_state(self):
        """A consent is in force until its withdrawal is recorded."""
        for consent in self:
            consent.state = "withdrawn" if consent.withdrawal_date else "in_force"

    @api.depends("consent_type", "date")
    def _compute_display_name(self):
        labels = dict(self._fields["consent_type"]._description_selection(self.env))
        for consent in self:
            consent.display_name = f"{labels.get(consent.consent_type, '')} ({consent.date or ''})"

    @api.constrains("basis", "consent_type", "case_id")
    def _check_basis(self):
        for consent in self.filtered(lambda c: c.basis == "information"):
            if not consent.case_id.child_protection or consent.consent_type == "join":
                raise ValidationError(
                    self.env._(
                        "The information of the parents (CASF L.226-2-2) replaces consent only for sharing or "
                        "commission in a child protection situation; joining the approach always needs the "
                        "person's consent (%(case)s).",
                        case=consent.case_id.name,
                    )
                )

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        future = self.filtered(lambda c: c.date > today)
        if future:
            raise ValidationError(
                self.env._(
                    "A consent cannot be dated in the future: correct the date (%(case)s).",
                    case=", ".join(future.case_id.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["parcours.case"].browse({vals.get("case_id") for vals in vals_list})._check_grant()
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered("withdrawal_date") and set(vals) - {"withdrawal_reason"}:
            raise UserError(self.env._("A withdrawn consent is kept as it was: record a new consent instead."))
        if {"consent_type", "basis", "date", "withdrawal_date"} & set(vals) and not vals.get("withdrawal_date"):
            # What the person agreed to is changed by who answers them; recording a withdrawal only
            # restricts, and any professional who hears it records it.
            self.case_id._check_grant()
        return super().write(vals)

    def _followers_joining(self):
        """Sharing agreed: the professionals of the accompaniment list may follow the situation."""
        return self.case_id.intervenant_ids

    def action_withdraw(self, reason=None, date=None):
        """Withdraws the consent: sharing stops at once for every professional concerned."""
        date = date or fields.Date.context_today(self)
        cases_sudo = self.sudo().case_id
        for consent in self:
            if consent.withdrawal_date:
                raise UserError(
                    self.env._("This consent was already withdrawn on %(date)s.", date=consent.withdrawal_date)
                )
            if date < consent.date:
                raise UserError(self.env._("A consent cannot be withdrawn before the day it was given."))
        self.write({"withdrawal_date": date, "withdrawal_reason": reason, "withdrawn_by_id": self.env.user.id})
        # The author may just have lost access by this very withdrawal: the trace is still theirs.
        for case in cases_sudo:
            case.message_post(
                author_id=self.env.user.partner_id.id,
                body=self.env._("A consent was withdrawn: sharing follows the person's choice from now on."),
                subtype_xmlid="mail.mt_note",
            )
        self._after_withdrawal()
        return True

    def _after_withdrawal(self):
        """What the person's withdrawal sets going: no more passage in commission without their consent; their
        agreement to join withdrawn, the approach ends with them (the closing assistant, for who answers them)."""
        withdrawn = self.sudo()
        commission_cases = withdrawn.filtered(lambda c: c.consent_type == "commission").case_id
        commission_cases.filtered(lambda case: not case._has_commission_consent())._cancel_future_passages()
        joining_cases = withdrawn.filtered(lambda c: c.consent_type == "join").case_id.filtered(
            lambda case: case.state in ("accepted", "active") and not case.joined
        )
        answering = self.env["parcours.case"].browse(joining_cases.ids).filtered("access_answering")
        for case in joining_cases - joining_cases.browse(answering.ids):
            case._schedule_close_activity()

    def _closing_action(self):
        """After a withdrawal recorded in the back office: the closing assistant when the agreement to join was
        withdrawn and the recorder answers the person (who else is asked by an activity)."""
        joining = self.filtered(lambda c: c.consent_type == "join" and c.withdrawal_date).case_id
        case = joining.filtered(lambda c: c.state in ("accepted", "active") and c.access_answering)[:1]
        return case.action_open_close() if case else False

    def _withdraw_from_space(self, space, reason=None):
        """The person withdraws a sharing or commission consent themselves; their référent is told at once."""
        self.ensure_one()
        consent = self.sudo()
        if consent.case_id != space.case_id or consent.consent_type == "join" or consent.basis != "consent":
            raise UserError(self.env._("This agreement cannot be withdrawn from your space: talk to your référent."))
        consent.action_withdraw(reason=reason or self.env._("Withdrawn by the person from their personal space."))
        case = consent.case_id
        user = case._answering_user()
        if user:
            labels = dict(self._fields["consent_type"]._description_selection(self.env))
            case.activity_schedule(
                "referent_parcours.mail_activity_type_consent_withdrawn",
                user_id=user.id,
                note=self.env._(
                    '%(name)s withdrew the consent "%(purpose)s" from their personal space.',
                    name=space.partner_id.name,
                    purpose=labels[consent.consent_type],
                ),
            )
        return True
