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
