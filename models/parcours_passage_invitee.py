from odoo import api, fields, models
from odoo.tools import email_normalize, formataddr

ROLES = [
    ("person", "The person or the family"),
    ("referent", "Référent de parcours"),
    ("intervenant", "Professional who accompanies them"),
    ("pilot", "Pilot of the commission"),
    ("expert", "Professional who can shed light"),
]


class ParcoursPassageInvitee(models.Model):
    _name = "parcours.passage.invitee"
    _description = "Person invited to a commission passage"
    _inherit = ["parcours.anchor.mixin"]
    _parcours_anchor_fields = ("passage_id",)
    _order = "passage_id, role_order, id"

    passage_id = fields.Many2one("parcours.passage", required=True, index=True, ondelete="cascade")
    commission_id = fields.Many2one(related="passage_id.commission_id", store=True, index=True, string="Session")
    partner_id = fields.Many2one("res.partner", string="Invitee", required=True, index=True)
    name = fields.Char(
        compute="_compute_name",
        store=True,
        compute_sudo=True,
        help="The invitee's name as printed in the letters, readable by every invitee of the passage.",
    )
    role = fields.Selection(
        ROLES,
        required=True,
        default="intervenant",
    )
    role_order = fields.Integer(compute="_compute_role_order", store=True)
    intervenant_id = fields.Many2one("parcours.intervenant", string="Intervenant line", index="btree_not_null")
    structure = fields.Char(compute="_compute_structure", compute_sudo=True, string="Structure or service")
    email = fields.Char(
        compute="_compute_email",
        string="E-mail",
        help="Shown to who prepares the passage (the professionals who follow the situation, the pilot and the "
        "secretariat), and to anyone for the contacts they may see: another invitee does not read the family's.",
    )
    attendance = fields.Selection(
        [("present", "Present"), ("excused", "Excused"), ("absent", "Absent")],
        help="Recorded during the session.",
    )
    answer = fields.Selection(
        [
            ("needsAction", "No answer yet"),
            ("accepted", "Accepted"),
            ("tentative", "Maybe"),
            ("declined", "Declined"),
        ],
        compute="_compute_answer",
        help="The answer given from the calendar invitation.",
    )
    letter_id = fields.Many2one("ir.attachment", string="Letter", readonly=True, copy=False)
    mail_id = fields.Many2one("mail.mail", string="Invitation e-mail", readonly=True, copy=False)
    sent_start = fields.Datetime(readonly=True, copy=False, help="Time of the passage the last letter announced.")
    invitation_state = fields.Selection(
        [
            ("to_send", "To send"),
            ("post", "Letter to post"),
            ("queued", "Leaving"),
            ("sent", "Sent"),
            ("failed", "Not delivered"),
            ("outdated", "Time changed since sent"),
        ],
        compute="_compute_invitation_state",
        string="Invitation",
    )
    failure_reason = fields.Text(compute="_compute_invitation_state", string="Why not delivered")

    _sql_constraints = [
        ("passage_partner_unique", "UNIQUE(passage_id, partner_id)", "This person is already invited to the passage."),
    ]

    @api.depends("partner_id.name")
    def _compute_name(self):
        """Copies the name, so invitees read each other's names without reading the contacts."""
        for invitee in self:
            invitee.name = invitee.partner_id.name

    @api.depends("partner_id.email")
    @api.depends_context("uid")
    def _compute_email(self):
        """The invitee's address, for who prepares the passage or may read the contact."""
        preparers = self.passage_id.filtered(lambda p: p.access_staff or p.case_id.access_involved)
        for invitee in self:
            partner = invitee.partner_id
            shown = self.env.su or invitee.passage_id in preparers or partner.has_access("read")
            invitee.email = partner.sudo().email if shown else False

    @api.depends("role")
    def _compute_role_order(self):
        """The family first, then the référent, the professionals, the experts and the pilot."""
        order = {"person": 0, "referent": 1, "intervenant": 2, "expert": 3, "pilot": 4}
        for invitee in self:
            invitee.role_order = order.get(invitee.role, 9)

    @api.depends("intervenant_id.structure_id", "partner_id.parent_id")
    def _compute_structure(self):
        """The intervenant's structure, or the invitee's company."""
        for invitee in self:
            structure = invitee.intervenant_id.sudo().structure_id or invitee.partner_id.parent_id
            invitee.structure = structure.name or ""

    @api.depends("passage_id.event_id.attendee_ids.state", "partner_id")
    def _compute_answer(self):
        """Reads the invitee's answer on the passage's calendar event."""
        for invitee in self:
            attendee = invitee.passage_id.event_id.sudo().attendee_ids.filtered(
                lambda a, partner=invitee.partner_id: a.partner_id == partner
            )[:1]
            invitee.answer = attendee.state or "needsAction"

    @api.depends("mail_id.state", "letter_id", "sent_start", "passage_id.start")
    def _compute_invitation_state(self):
        """Follows the letter from sending to delivery; a failure stays visible until sent again."""
        for invitee in self:
            mail_sudo = invitee.sudo().mail_id
            invitee.failure_reason = mail_sudo.failure_reason if mail_sudo.state == "exception" else False
            if not invitee.letter_id:
                invitee.invitation_state = "to_send"
            elif invitee.sent_start and invitee.sent_start != invitee.passage_id.start:
                invitee.invitation_state = "outdated"
            elif not mail_sudo:
                invitee.invitation_state = "post"
            elif mail_sudo.state == "exception":
                invitee.invitation_state = "failed"
            elif mail_sudo.state in ("sent", "received"):
                invitee.invitation_state = "sent"
            else:
                invitee.invitation_state = "queued"

    @api.model_create_multi
    def create(self, vals_list):
        invitees = super().create(vals_list)
        # The passage's event lists its invitees.
        invitees.passage_id._mark_event_sync()
        return invitees

    def write(self, vals):
        res = super().write(vals)
        if "partner_id" in vals:
            self.passage_id._mark_event_sync()
        return res

    def unlink(self):
        passages = self.passage_id
        res = super().unlink()
        passages.exists()._mark_event_sync()
        return res

    def action_send_again(self):
        """Sends the invitation again to these invitees, with a fresh letter."""
        for commission, invitees in self.grouped("commission_id").items():
            commission._check_can_invite()
            invitees._send_invitations()

    def action_download_letter(self):
        """Downloads the invitee's letter, to print it for the post (the attachment's own rules decide)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.letter_id.id}?download=true",
            "target": "self",
        }

    def _can_be_emailed(self):
        return bool(email_normalize(self._addressee().email))

    def _addressee(self):
        """The contact a letter is addressed to, for code that already read the invitee.

        Whoever reads the invitee (the professionals who follow the situation, the pilot, the secretariat)
        reads its address on the letter; the contact itself, with its notes, stays with the professionals
        who follow the situation. Private: no client calls it on an invitee it may not read.
        """
        self.ensure_one()
        return self.sudo().partner_id

    def _render_letters(self):
        """One letter per invitee, all from one run of wkhtmltopdf (see ir.actions.report)."""
        return self.env["ir.actions.report"]._parcours_render_per_record(
            "referent_parcours.action_report_parcours_invitation", self, lambda invitee: invitee._letter_reference()
        )

    def _letter_reference(self):
        """Printed on the letter (its reference), and used to find where each letter starts in a run."""
        self.ensure_one()
        return f"INV-{self.id:07d}"

    def _letter_link(self):
        """The reference links to the person's space (professionals land on their home page); the link, which
        wkhtmltopdf writes as a PDF annotation, also tells where the letter starts without reading its text."""
        self.ensure_one()
        return f"{self.get_base_url()}/my/parcours#{self._letter_reference()}"

    def _prepare_letter_attachment_vals(self, content, extension):
        self.ensure_one()
        filename = self.env._(
            "Invitation %(passage)s - %(name)s", passage=self.passage_id.name, name=self.name
        ).replace("/", "-")
        return {
            "name": f"{filename}.{extension}",
            "raw": content if isinstance(content, bytes) else content.encode(),
            "mimetype": "application/pdf" if extension == "pdf" else "text/html",
            # Filed on the passage: read by the professionals who follow the situation, the pilot and the
            # secretariat, not by the other invitees nor in the situation's own file.
            "res_model": "parcours.passage",
            "res_id": self.passage_id.id,
        }

    def _attendee(self):
        """The invitee's line on the passage's calendar event, whose token answers from the e-mail."""
        self.ensure_one()
        return self.passage_id.event_id.sudo().attendee_ids.filtered(lambda a: a.partner_id == self.partner_id)[:1]

    def _template_mails(self, template_xmlid, attachments):
        """One e-mail per invitee from a mail.template (editable by administrators, in each addressee's
        language), with that invitee's attachments ({invitee: attachments}); mails in the invitees' order."""
        template = self.env.ref(template_xmlid).sudo()
        rendered = template._generate_template(self.ids, ["subject", "body_html"])
        author = self.commission_id[:1].secretary_id or self.env.user
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    {
                        "subject": rendered[invitee.id]["subject"],
                        "body_html": rendered[invitee.id]["body_html"],
                        "email_from": author.email_formatted or self.env.user.email_formatted,
                        "author_id": author.partner_id.id,
                        "email_to": formataddr((invitee._addressee().name, invitee._addressee().email)),
                        "attachment_ids": [fields.Command.set(attachments[invitee].ids)],
                        "auto_delete": False,
                    }
                    for invitee in self
                ]
            )
        )

    def _send_invitations(self):
        """Produces each invitee's letter, e-mails it with the calendar file, and logs it on the situation."""
        if not self:
            return
        letters = self._render_letters()
        passages = self.passage_id
        ics_files = passages.event_id.sudo()._get_ics_file()
        Attachment = self.env["ir.attachment"].sudo()
        ics_by_passage = dict(
            zip(
                passages,
                Attachment.create(
                    [
                        {
                            "name": "invitation.ics",
                            "raw": ics_files.get(passage.event_id.id) or b"",
                            "mimetype": "text/calendar",
                            "res_model": "parcours.passage",
                            "res_id": passage.id,
                        }
                        for passage in passages
                    ]
                ),
                strict=False,
            )
        )
        letter_by_invitee = dict(
            zip(
                self, Attachment.create([i._prepare_letter_attachment_vals(*letters[i.id]) for i in self]), strict=False
            )
        )
        emailed = self.filtered(lambda i: i._can_be_emailed())
        mails = emailed._template_mails(
            "referent_parcours.mail_template_parcours_invitation",
            {i: letter_by_invitee[i] | ics_by_passage[i.passage_id] for i in emailed},
        )
        mail_by_invitee = dict(zip(emailed, mails, strict=False))
        for invitee in self:
            invitee.write(
                {
                    "letter_id": letter_by_invitee[invitee].id,
                    "mail_id": mail_by_invitee.get(invitee, mails.browse()).id,
                    "sent_start": invitee.passage_id.start,
                }
            )
        for passage, invitees in self.grouped("passage_id").items():
            passage._log_invitations(invitees, invitees & emailed, invitees.letter_id)
        self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
