from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import plaintext2html


class ParcoursPersonSpace(models.Model):
    _name = "parcours.person.space"
    _description = "Personal space of an accompanied person"
    _inherit = ["mail.thread", "parcours.file.mixin", "parcours.anchor.mixin", "parcours.logged.mixin"]
    _parcours_anchor_fields = ("case_id", "partner_id", "user_id")
    _parcours_log_channel = "space"
    _order = "date_granted desc, id desc"

    name = fields.Char(compute="_compute_name")
    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, string="Organisation")
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        help="The person, or the household member, who logs in to the space.",
    )
    user_id = fields.Many2one("res.users", string="Portal login", readonly=True, index=True, copy=False)
    state = fields.Selection(
        [("active", "Open"), ("revoked", "Closed")], default="active", required=True, readonly=True, tracking=True
    )
    agreement_date = fields.Date(
        string="Agreement given on",
        required=True,
        default=fields.Date.context_today,
        help="The day the person agreed to have a personal space.",
    )
    agreement_method = fields.Selection(
        [("written", "Signed form"), ("oral", "Orally, during an interview")],
        string="How the agreement was given",
        required=True,
        default="oral",
    )
    granted_by_id = fields.Many2one(
        "res.users", string="Opened by", required=True, readonly=True, default=lambda self: self.env.user
    )
    date_granted = fields.Datetime(string="Opened on", default=fields.Datetime.now, readonly=True)
    date_revoked = fields.Datetime(string="Closed on", readonly=True, copy=False)
    revoke_reason = fields.Char(string="Why closed", readonly=True, copy=False)

    def init(self):
        # One open space per person and situation: the database guards it, the constraint explains it.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS parcours_person_space_one_open "
            "ON parcours_person_space (case_id, partner_id) WHERE state = 'active'"
        )

    @api.depends("partner_id", "case_id")
    def _compute_name(self):
        for space in self:
            space.name = self.env._("Personal space of %(name)s", name=space.partner_id.name or "")

    @api.constrains("agreement_date")
    def _check_agreement_date(self):
        if any(space.agreement_date > fields.Date.context_today(space) for space in self):
            raise ValidationError(self.env._("The person's agreement cannot be dated in the future: correct the date."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            if self.sudo().search_count(
                [("case_id", "=", vals.get("case_id")), ("partner_id", "=", partner.id), ("state", "=", "active")]
            ):
                raise ValidationError(
                    self.env._("%(name)s already has an open personal space for this situation.", name=partner.name)
                )
        spaces = super().create(vals_list)
        spaces.case_id._check_may_manage_space()
        for space in spaces:
            if space.partner_id not in self._allowed_partners(space.case_id.sudo()):
                raise ValidationError(
                    self.env._("A personal space is opened for the person or a household member of the situation.")
                )
        return spaces

    def write(self, vals):
        if not self.env.su and {"state", "date_revoked", "revoke_reason", "granted_by_id", "date_granted"} & set(vals):
            raise AccessError(self.env._("A personal space is opened and closed with its buttons, which record why."))
        return super().write(vals)

    def action_revoke(self, reason=None):
        """Closes the space: the login loses the portal unless another open space still needs it."""
        self.case_id._check_may_manage_space()
        self._revoke(reason or self.env._("Closed by %(name)s", name=self.env.user.name))
        return True

    @api.model
    def _allowed_partners(self, case):
        """The person and the household members who have a contact."""
        return case.partner_id | case.member_ids.partner_id

    def _revoke(self, reason):
        spaces = self.filtered(lambda s: s.state == "active")
        if not spaces:
            return
        spaces.sudo().write({"state": "revoked", "date_revoked": fields.Datetime.now(), "revoke_reason": reason})
        users = spaces.sudo().user_id
        still_needed = self.sudo().search([("user_id", "in", users.ids), ("state", "=", "active")]).user_id
        for user in users - still_needed:
            wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [Command.link(user.partner_id.id)]})
            wizard.user_ids.filtered(lambda w, partner=user.partner_id: w.partner_id == partner).action_revoke_access()
        for space in spaces:
            space.case_id.sudo().message_post(
                body=self.env._(
                    "The personal space of %(name)s is closed: %(reason)s", name=space.partner_id.name, reason=reason
                ),
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )

    def _grant(self):
        """Gives the space's contact a portal login (invitation e-mail with a link to choose a password)."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        if not partner.email:
            raise UserError(
                self.env._(
                    "Add an e-mail address to %(name)s: it is the login of the personal space.", name=partner.name
                )
            )
        if partner.user_ids.filtered(lambda u: u._is_internal()):
            raise UserError(
                self.env._("%(name)s is a user of the software, not an accompanied person.", name=partner.name)
            )
        wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [Command.link(partner.id)]})
        line = wizard.user_ids.filtered(lambda w: w.partner_id == partner)
        if not line.is_portal:
            line.action_grant_access()
        user = partner.with_context(active_test=False).user_ids[:1]
        self.sudo().write({"user_id": user.id})
        self._sync_followers()
        self.case_id.sudo().message_post(
            body=self.env._(
                "Personal space opened for %(name)s, with their agreement given on %(date)s.",
                name=partner.name,
                date=self.agreement_date,
            ),
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )

    def _post_from_person(self, text):
        """The person writes to their référent: plain text, escaped, the référent notified."""
        self.ensure_one()
        text = (text or "").strip()
        if not text:
            raise UserError(self.env._("Write your message before sending it."))
        if len(text) > 5000:
            raise UserError(self.env._("Your message is too long: 5000 characters at most. Split it in two."))
        return self.sudo().message_post(
            body=plaintext2html(text),
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.case_id._answering_intervenant().partner_id.ids,
        )

    def _sync_followers(self):
        """The conversation reaches the person and whoever answers them today (a former référent no more)."""
        for space in self.sudo():
            allowed = space.partner_id | space.case_id._answering_intervenant().partner_id
            gone = space.message_partner_ids - allowed
            if gone:
                space.message_unsubscribe(partner_ids=gone.ids)
            if allowed - space.message_partner_ids:
                space.message_subscribe(partner_ids=(allowed - space.message_partner_ids).ids)

    def _person_messages(self):
        """Exchanges with the person: messages, never the professionals' internal notes."""
        self.ensure_one()
        comment = self.env.ref("mail.mt_comment")
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "=", "comment"),
                    ("subtype_id", "=", comment.id),
                ],
                order="date desc, id desc",
            )
        )

    # ------------------------------------------------------------------
    # What the person reads and does in their space. The portal routes find the user's space with
    # _of_current_user() and show or change only what these methods return: the person has no access
    # rights of their own on the situation's models, so records are read as the system, always within
    # the space's situation.
    # ------------------------------------------------------------------

    @api.model
    def _of_current_user(self):
        """The open spaces of the logged-in user."""
        return self.sudo().search([("user_id", "=", self.env.uid), ("state", "=", "active")])

    def _find(self, model, record_id, domain=()):
        """A record of the space's situation matching ``domain``, or an empty recordset."""
        self.ensure_one()
        return (
            self.env[model].sudo().search([("id", "=", record_id), ("case_id", "=", self.case_id.id), *domain], limit=1)
        )

    def _is_principal(self):
        """The space of the accompanied person themselves, rather than of another household member."""
        self.ensure_one()
        return self.partner_id == self.case_id.partner_id

    def _visible_passages(self):
        """The situation's passages that take or took place, in sessions not cancelled."""
        self.ensure_one()
        return (
            self.env["parcours.passage"]
            .sudo()
            .search(
                [
                    ("case_id", "=", self.case_id.id),
                    ("state", "in", ("scheduled", "held", "postponed")),
                    ("commission_id.state", "!=", "cancelled"),
                ],
                order="start desc",
            )
        )

    def _visible_projet(self):
        """The plan in force; a household member's space reads it as the copy handed out (no refused subject)."""
        self.ensure_one()
        projet = (
            self.env["parcours.projet"]
            .sudo()
            .search(
                [("case_id", "=", self.case_id.id), ("state", "in", ("adopted", "review"))],
                order="version desc",
                limit=1,
            )
        )
        return projet.with_context(parcours_shared_copy=not self._is_principal())

    def _visible_releves(self):
        """The signed decision records, never a draft."""
        self.ensure_one()
        return (
            self.env["parcours.releve"]
            .sudo()
            .search([("case_id", "=", self.case_id.id), ("state", "=", "validated")], order="date desc, id desc")
        )

    def _locker_domain(self):
        """The space's locker: what its person added, and what the professionals shared with the household."""
        self.ensure_one()
        return [
            ("case_id", "=", self.case_id.id),
            "|",
            ("source", "=", "professional"),
            ("owner_partner_id", "=", self.partner_id.id),
        ]

    def _visible_documents(self):
        return self.env["parcours.document"].sudo().search(self._locker_domain())

    def _own_document_domain(self):
        """The documents the space's person put in their locker: only they share or remove them."""
        self.ensure_one()
        return [("source", "=", "person"), ("owner_partner_id", "=", self.partner_id.id)]

    def _home_summary(self):
        """The figures of the space's home page."""
        self.ensure_one()
        now = fields.Datetime.now()
        passages = self._visible_passages()
        documents = self._visible_documents()
        return {
            "referent": self.case_id.referent_intervenant_id,
            "next_passage": passages.filtered(lambda p: p.start and p.start >= now and p.state == "scheduled")[-1:],
            "intervenant_count": len(self.case_id.intervenant_ids.filtered("is_active")),
            "goal_count": len(self._visible_projet()._visible_objectives()),
            "releve_count": len(self._visible_releves()),
            "document_count": len(documents),
            "expiring": documents.filtered(lambda d: d.expiry_state in ("soon", "expired")),
            "answered": self.env["parcours.portal.request"]
            .sudo()
            .search_count(
                [
                    ("space_id", "=", self.id),
                    ("state", "!=", "new"),
                    ("write_date", ">=", fields.Date.subtract(now, days=30)),
                ]
            ),
        }

    def _answer_invitation(self, passage, answer):
        """The person answers the invitation to a passage of their situation, to come or not.

        Returns False when the passage's calendar invitation does not exist yet (nothing is recorded).
        """
        self.ensure_one()
        if passage.case_id != self.case_id or answer not in ("accepted", "declined", "tentative"):
            raise UserError(self.env._("This invitation is not yours."))
        if not passage.invitee_ids.filtered(lambda i: i.partner_id == self.partner_id):
            raise UserError(self.env._("This invitation is not yours."))
        attendee = passage.sudo().event_id.attendee_ids.filtered(lambda a: a.partner_id == self.partner_id)
        if not attendee:
            return False
        {"accepted": attendee.do_accept, "declined": attendee.do_decline, "tentative": attendee.do_tentative}[answer]()
        return True

    def _add_document(self, vals):
        """A document the person puts in their locker: theirs, in their situation, whatever the form sent."""
        self.ensure_one()
        return (
            self.env["parcours.document"]
            .sudo()
            .create({**vals, "case_id": self.case_id.id, "source": "person", "owner_partner_id": self.partner_id.id})
        )

    def _send_request(self, vals):
        """A request of the person to their référent (add or stop a professional), from this space."""
        self.ensure_one()
        return (
            self.env["parcours.portal.request"]
            .sudo()
            .create({**vals, "case_id": self.case_id.id, "space_id": self.id, "partner_id": self.partner_id.id})
        )

    def _refusable_domains(self):
        """The life domains in use that the person has not refused yet (those she may refuse from her space)."""
        self.ensure_one()
        refused = self.case_id.sudo().refused_subject_ids.domain_id
        return self.env["parcours.life.domain"].sudo().search([("id", "not in", refused.ids)])

    def _refuse_subject(self, domain_id, note=None):
        """The person refuses, from her space, that a life domain of her situation be shared or discussed.

        Only the accompanied person herself (as for her agreements): a household member tells the référent.
        The refusal is recorded by the system for the space's situation only, on a domain in use; it only
        narrows who reads what. The référent is told by an activity and a message in the space's conversation.
        """
        self.ensure_one()
        if not self._is_principal():
            raise UserError(
                self.env._("Only the accompanied person refuses a subject from their space: tell your référent.")
            )
        domain = self.env["parcours.life.domain"].sudo().search([("id", "=", domain_id)])
        if not domain:
            raise UserError(self.env._("Choose one of the subjects of the list."))
        note = (note or "").strip()
        if len(note) > 500:
            raise UserError(self.env._("What you wrote is too long: 500 characters at most."))
        case_sudo = self.case_id.sudo()
        subject_sudo = (
            self.env["parcours.refused.subject"]
            .sudo()
            .with_context(active_test=False)
            .search([("case_id", "=", case_sudo.id), ("domain_id", "=", domain.id)])
        )
        if subject_sudo.active:
            raise UserError(self.env._("You already refused this subject: %(domain)s.", domain=domain.name))
        vals = {"date": fields.Date.context_today(self), "recorded_by_id": self.env.user.id, "note": note or False}
        if subject_sudo:
            # Refused again: nobody is allowed on it until the person says so again.
            subject_sudo.write({**vals, "active": True, "allowed_intervenant_ids": [Command.clear()]})
        else:
            subject_sudo = subject_sudo.create({**vals, "case_id": case_sudo.id, "domain_id": domain.id})
        self._tell_referent_of_refusal(subject_sudo)
        return subject_sudo

    def _tell_referent_of_refusal(self, subject_sudo):
        """An activity on the situation for who answers the person, and a word in the space's conversation."""
        self.ensure_one()
        case_sudo = self.case_id.sudo()
        user = case_sudo._answering_user()
        if user:
            case_sudo.activity_schedule(
                "referent_parcours.mail_activity_type_subject_refused",
                user_id=user.id,
                note=self.env._(
                    "%(name)s refused from their personal space that the subject %(domain)s be shared or discussed.",
                    name=self.partner_id.name,
                    domain=subject_sudo.domain_id.name,
                ),
            )
        self.sudo().message_post(
            body=self.env._(
                "I do not want the subject %(domain)s to be shared or discussed any more.",
                domain=subject_sudo.domain_id.name,
            ),
            author_id=self.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=case_sudo._answering_intervenant().partner_id.ids,
        )
