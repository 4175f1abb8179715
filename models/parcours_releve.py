from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

# Fields the meeting fills; two people saving the same draft are compared on them.
EDITED_FIELDS = {
    "family_name",
    "address",
    "children",
    "family_situation",
    "accompaniments",
    "invited",
    "present",
    "review_ids",
    "objective_ids",
    "referent_intervenant_id",
    "referent_confirmed",
    "next_commission_date",
    "signature_ids",
    "observations",
    "refused_domain_ids",
}


class ParcoursReleve(models.Model):
    _name = "parcours.releve"
    _description = "Decision record of a commission passage (relevé de décisions)"
    _inherit = [
        "mail.thread",
        "parcours.file.mixin",
        "parcours.anchor.mixin",
        "parcours.logged.mixin",
        "parcours.locked.mixin",
    ]
    _parcours_anchor_fields = ("passage_id", "case_id")
    _locked_fields = EDITED_FIELDS
    _parcours_system_fields = ("state", "attachment_id", "amended_from_id")
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name")
    passage_id = fields.Many2one("parcours.passage", required=True, index=True, ondelete="restrict", readonly=True)
    case_id = fields.Many2one(related="passage_id.case_id", store=True, index=True, string="Situation")
    commission_id = fields.Many2one(related="passage_id.commission_id", store=True, string="Session")
    company_id = fields.Many2one(related="case_id.company_id", store=True, string="Organisation")
    date = fields.Date(readonly=True)
    state = fields.Selection(
        [("draft", "Being written"), ("validated", "Signed and validated"), ("amended", "Replaced by an amendment")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    previous_releve_id = fields.Many2one(
        "parcours.releve", string="Previous decision record", readonly=True, index="btree_not_null"
    )
    previous_commission_date = fields.Date(string="Date of the previous commission", readonly=True)
    family_name = fields.Char(string="Name of the family")
    address = fields.Text()
    children = fields.Text()
    family_situation = fields.Text()
    accompaniments = fields.Text(string="Accompaniments in progress", help="Nature, professional, deadline.")
    invited = fields.Text(string="People invited")
    present = fields.Text(string="People present")
    projet_id = fields.Many2one("parcours.projet", string="Plan worked on", readonly=True, index="btree_not_null")
    review_ids = fields.One2many("parcours.releve.review", "releve_id", string="Review of the previous goals")
    objective_ids = fields.One2many("parcours.objective", "releve_id", string="Goals set together")
    referent_intervenant_id = fields.Many2one(
        "parcours.intervenant", string="Référent de parcours", domain="[('case_id', '=', case_id)]"
    )
    referent_name = fields.Char(related="referent_intervenant_id.partner_id.name", string="Référent's name")
    referent_confirmed = fields.Boolean(
        string="Designated or confirmed in this commission", help="With the person's agreement."
    )
    next_commission_date = fields.Date(string="Date of the next commission")
    observations = fields.Text()
    refused_domain_ids = fields.Many2many(
        "parcours.life.domain",
        "parcours_releve_refused_domain_rel",
        "releve_id",
        "domain_id",
        string="Subjects the family asked not to discuss",
        help="Recorded during the meeting: on validation each becomes a subject the person refuses to share, "
        "hidden like any refused subject. Only the domains are written here, never what was said about them.",
    )
    refused_before_domain_ids = fields.Many2many(
        related="passage_id.refused_domain_ids", string="Subjects already refused"
    )
    signature_ids = fields.One2many("parcours.releve.signature", "releve_id", string="Signatures")
    signatures_complete = fields.Boolean(compute="_compute_signatures_complete")
    amended_from_id = fields.Many2one("parcours.releve", string="Amends", readonly=True, index="btree_not_null")
    amendment_reason = fields.Text(readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="Signed document", readonly=True, copy=False)
    revision = fields.Integer(default=0, readonly=True, copy=False)
    edit_token = fields.Char(
        compute="_compute_edit_token",
        inverse="_inverse_edit_token",
        help="Revision the editor started from: a save made from an older revision is refused.",
    )

    def init(self):
        # One original record per passage; amendments point to the record they correct.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS parcours_releve_one_per_passage ON parcours_releve (passage_id) "
            "WHERE amended_from_id IS NULL"
        )

    @api.depends("passage_id.name")
    def _compute_name(self):
        """The session and the passage, like the calendar: nothing of the content."""
        for releve in self:
            releve.name = self.env._("Decision record — %(passage)s", passage=releve.passage_id.name or "")

    @api.depends("signature_ids.signed_on", "signature_ids.refused", "signature_ids.absent", "signature_ids.required")
    def _compute_signatures_complete(self):
        """Every required signer has signed or refused (or the family is absent from a passage held without
        them), and the family's answer is there."""
        for releve in self:
            required = releve.signature_ids.filtered("required")
            releve.signatures_complete = bool(required) and all(s._accounted_for() for s in required)

    def _compute_edit_token(self):
        """Empty on reading: the form fills it with the revision when the user starts editing."""
        for releve in self:
            releve.edit_token = False

    def _inverse_edit_token(self):
        """Checked in write()."""

    @api.constrains("refused_domain_ids")
    def _check_refused_domains_active(self):
        for releve in self.with_context(active_test=False):
            archived = releve.refused_domain_ids.filtered(lambda d: not d.active)
            if archived:
                raise ValidationError(
                    self.env._(
                        "%(domains)s: choose among the life domains in use.",
                        domains=", ".join(archived.mapped("name")),
                    )
                )

    @api.onchange(*sorted(EDITED_FIELDS))
    def _onchange_track_revision(self):
        """Remembers which revision this editor started from."""
        if not self.edit_token:
            self.edit_token = str(self._origin.revision or 0)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_system_vals(vals_list)
        originals = [
            vals["passage_id"] for vals in vals_list if vals.get("passage_id") and not vals.get("amended_from_id")
        ]
        if originals and self.sudo().search_count([("passage_id", "in", originals), ("amended_from_id", "=", False)]):
            raise UserError(self.env._("This passage already has its decision record: open it from the passage."))
        releves = super().create(vals_list)
        for releve in releves.filtered(lambda r: not r.amended_from_id):
            releve._prefill()
        return releves

    def write(self, vals):
        token = vals.pop("edit_token", None)
        edits = EDITED_FIELDS & set(vals)
        if edits:
            self._check_unlocked("write")
            if token not in (None, False, "") and any(str(r.revision) != token for r in self):
                raise UserError(
                    self.env._(
                        "Someone else saved this decision record while you were editing it. Reload the page to see "
                        "their changes, then make yours again: nothing of theirs was overwritten."
                    )
                )
            vals["revision"] = max(self.mapped("revision") or [0]) + 1
        return super().write(vals)

    def _locked_message(self, operation):
        """A signed record is corrected by an amendment, never changed nor deleted."""
        if operation == "unlink":
            return self.env._("A validated decision record stays in the situation's file.")
        return self.env._(
            "%(names)s is signed and validated: correct it with an amendment, the original is kept.",
            names=", ".join(self.mapped("name")),
        )

    def action_print(self):
        return self.env.ref("referent_parcours.action_report_parcours_releve").report_action(self)

    def action_open_amend(self):
        """Asks what the amendment corrects, then opens the corrected copy."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Amend the decision record"),
            "res_model": "parcours.releve.amend",
            "view_mode": "form",
            "target": "new",
            "context": {"default_releve_id": self.id},
        }

    def action_refresh(self):
        """Takes the situation's data again (household, accompaniments, invitees and attendance)."""
        for releve in self:
            releve.write(releve._prepare_situation_vals())

    def action_validate(self):
        """Locks the record once everyone signed or refused, adopts the plan and files the PDF."""
        for releve in self:
            releve._check_can_validate()
        for releve in self:
            releve._apply_reviews()
            if releve.projet_id.state == "draft" and releve.projet_id.objective_ids:
                releve.projet_id.action_adopt(releve.passage_id)
            if releve.next_commission_date:
                releve.passage_id.next_commission_date = releve.next_commission_date
            releve._apply_refused_subjects()
            releve._write_system({"state": "validated"})
            releve._apply_referent_decision()
            releve._file_document()
            releve._send_questionnaires()
        return True

    def action_amend(self, reason=None):
        """Opens a corrected copy; the validated original is kept and marked as replaced."""
        self.ensure_one()
        if self.state != "validated":
            raise UserError(self.env._("Only a validated decision record can be amended."))
        if not (reason or "").strip():
            raise UserError(self.env._("Say what the amendment corrects: it is kept with the original."))
        self.check_access("write")
        # The corrected copy is made by the system (it names its original, which a client may not set).
        amendment = self.sudo().copy(
            {
                "amended_from_id": self.id,
                "amendment_reason": reason,
                "passage_id": self.passage_id.id,
                "date": self.date,
                "projet_id": self.projet_id.id,
                "previous_releve_id": self.previous_releve_id.id,
                "previous_commission_date": self.previous_commission_date,
                "review_ids": [Command.create(r.copy_data({"releve_id": False})[0]) for r in self.review_ids],
                "signature_ids": [
                    Command.create({"partner_id": s.partner_id.id, "role": s.role, "required": s.required})
                    for s in self.signature_ids
                ],
            }
        )
        self._write_system({"state": "amended"})
        return amendment.with_env(self.env)

    def _visible_objectives(self):
        """New goals the reader may see (refused subjects are left out for those not allowed)."""
        return self.env["parcours.objective"]._search_for_reader([("releve_id", "in", self.ids)], "domain_id, id")

    def _visible_reviews(self):
        """Reviews of goals the reader may see."""
        readable = self.env["parcours.objective"]._search_for_reader([("id", "in", self.review_ids.objective_id.ids)])
        return self.review_ids.filtered(lambda r: r.objective_id in readable)

    def _apply_reviews(self):
        """Records each outcome on the reviewed goal; in the new version, finished goals are not carried."""
        self.ensure_one()
        for review in self.review_ids:
            vals = {"status": review.outcome, "status_note": review.comment, "to_review": False}
            review.objective_id.write(vals)
            carried = self.projet_id.objective_ids.filtered(
                lambda o, reviewed=review.objective_id: o.carried_from_id == reviewed
            )
            if review.outcome in ("achieved", "abandoned", "obsolete") and self.projet_id.state == "draft":
                carried.unlink()
            else:
                carried.write(vals)

    def _apply_refused_subjects(self):
        """The subjects the family asked not to discuss become refusals of the situation (domains only).

        Recorded by the system for whoever validates the record (the pilot or the secretary does not follow
        the situation): a refusal only narrows who reads what, and is noted in the situation's chatter.
        """
        self.ensure_one()
        self.check_access("write")
        subjects_sudo = (
            self.env["parcours.refused.subject"]
            .sudo()
            .with_context(active_test=False)
            .search([("case_id", "=", self.case_id.id), ("domain_id", "in", self.refused_domain_ids.ids)])
        )
        # An amendment carries the subjects of its original: those already refused are left as they are.
        domains = self.refused_domain_ids - subjects_sudo.filtered("active").domain_id
        subjects_sudo = subjects_sudo.filtered(lambda s: not s.active)
        if not domains:
            return
        today = fields.Date.context_today(self)
        subjects_sudo.write(
            # Refused again: nobody is allowed on it until the person says so again.
            {
                "active": True,
                "date": today,
                "recorded_by_id": self.env.user.id,
                "allowed_intervenant_ids": [Command.clear()],
            }
        )
        self.env["parcours.refused.subject"].sudo().create(
            [
                {"case_id": self.case_id.id, "domain_id": domain.id, "date": today, "recorded_by_id": self.env.user.id}
                for domain in domains - subjects_sudo.domain_id
            ]
        )
        self.case_id.sudo().message_post(
            body=self.env._(
                "At %(name)s, the family asked not to discuss: %(domains)s. These subjects are now refused.",
                name=self.name,
                domains=", ".join(domains.mapped("name")),
            ),
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )

    def _apply_referent_decision(self):
        """The référent named in the signed record reaches the situation: a new one is designated, linked to the
        passage, the family's signature being their agreement; the current one, confirmed, gets the date.

        Run by the system once the record is signed (who validates may be the pilot, who does not answer the
        person); without the family's signature nothing is designated, who answers them is told.
        """
        self.ensure_one()
        intervenant = self.referent_intervenant_id.sudo()
        case_sudo = self.case_id.sudo()
        if not intervenant or case_sudo.state not in ("accepted", "active"):
            return
        current = case_sudo.referent_designation_ids.filtered(lambda d: not d.date_end)
        family_signed = any(s.signed_on for s in self.signature_ids.sudo() if s.role == "family")
        if current.intervenant_id == intervenant:
            if self.referent_confirmed and family_signed:
                current._confirm_in_passage(self.passage_id, self.date)
            return
        if not family_signed or not intervenant.is_active:
            case_sudo.message_post(
                body=self.env._(
                    "%(record)s names %(name)s as référent de parcours, but without the family's signature (or the "
                    "professional no longer follows the situation): nothing was designated, confirm with the person.",
                    record=self.name,
                    name=intervenant.partner_id.name,
                ),
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
            return
        case_sudo._designate_in_commission(intervenant, self.passage_id, self.date)

    def _check_can_validate(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("%(name)s is already validated.", name=self.name))
        family = self.signature_ids.filtered(lambda s: s.role == "family")
        if not family or not any(s._accounted_for() for s in family):
            raise UserError(
                self.env._(
                    "The family has not signed %(name)s: capture their signature, or record that they refuse to sign "
                    "(or, for a passage held without the family, that they are absent).",
                    name=self.name,
                )
            )
        missing = self.signature_ids.filtered(lambda s: s.required and not s._accounted_for())
        if missing:
            raise UserError(
                self.env._(
                    "Signatures missing on %(name)s: %(names)s (each signs, or their refusal is recorded).",
                    name=self.name,
                    names=", ".join(missing.mapped("name")),
                )
            )
        if self.next_commission_date and self.next_commission_date < fields.Date.context_today(self):
            raise UserError(self.env._("The next commission cannot be in the past: correct its date."))

    def _prefill(self):
        """Fills the record from the situation and from the previous decision record."""
        self.ensure_one()
        previous = self.search(
            [("case_id", "=", self.case_id.id), ("state", "=", "validated"), ("id", "!=", self.id)],
            order="date desc, id desc",
            limit=1,
        )
        day = (self.passage_id.start or fields.Datetime.now()).date()
        projet = self._working_projet(day)
        reviewed = (
            (previous.projet_id | projet.previous_id).objective_ids.filtered(
                lambda o: o.to_review or o.status in ("todo", "in_progress", "not_achieved")
            )
            if previous
            else self.env["parcours.objective"]
        )
        # Filled by the system from what the situation holds (the family's contact, the previous goals), which
        # the pilot or the secretary writing the record may not read themselves.
        self._write_system(
            {
                **self._prepare_situation_vals(),
                "date": day,
                "previous_releve_id": previous.id,
                "previous_commission_date": previous.date,
                "projet_id": projet.id,
                "referent_intervenant_id": self.case_id.sudo().referent_intervenant_id.id,
                "review_ids": [Command.create({"objective_id": o.id, "outcome": o.status}) for o in reviewed],
                "signature_ids": [Command.create(vals) for vals in self._prepare_signature_vals()],
            }
        )

    def _working_projet(self, day):
        """The plan version this commission works on: the one being built, or a revision of the one in force."""
        Projet = self.env["parcours.projet"]
        case = self.case_id
        draft = Projet.search([("case_id", "=", case.id), ("state", "=", "draft")], limit=1)
        if draft:
            return draft
        in_force = Projet.search([("case_id", "=", case.id), ("state", "=", "adopted")], limit=1)
        if in_force:
            return in_force.action_revise(day)
        return Projet.create({"case_id": case.id, "date": day})

    def _prepare_situation_vals(self):
        self.ensure_one()
        case = self.case_id.sudo()
        passage = self.passage_id.sudo()
        partner = case.partner_id
        children = case.member_ids.filtered(lambda m: m.relationship == "child")
        intervenants = case.intervenant_ids.filtered("is_active")
        present = passage.invitee_ids.filtered(lambda i: i.attendance == "present")
        situations = dict(self.env["parcours.case.member"]._fields["family_situation"]._description_selection(self.env))
        return {
            "family_name": partner.name,
            "address": partner._display_address(without_company=True).strip(),
            "children": "\n".join(
                " ".join(filter(None, [m.display_name, m.birthdate and format_date(self.env, m.birthdate)]))
                for m in children
            ),
            "family_situation": "\n".join(
                f"{m.display_name}: {situations[m.family_situation]}"
                for m in case.member_ids
                if m.relationship != "child" and m.family_situation
            ),
            "accompaniments": intervenants._accompaniment_lines(),
            "invited": "\n".join(passage.invitee_ids.mapped("name")),
            "present": "\n".join(present.mapped("name")),
        }

    def _prepare_signature_vals(self):
        """The family, the pilot, the référent and every other invitee; partners sign when present."""
        self.ensure_one()
        vals_list = []
        for invitee in self.passage_id.sudo().invitee_ids:
            role = {"person": "family", "pilot": "pilot", "referent": "referent"}.get(invitee.role, "partner")
            vals_list.append(
                {
                    "partner_id": invitee.partner_id.id,
                    "role": role,
                    "required": role != "partner" or invitee.attendance == "present",
                }
            )
        return vals_list

    def _send_questionnaires(self):
        """Sends the questionnaire after the commission to each invitee marked present: the person's to the
        family, the professionals' to the others (the pilot too when marked present). Once per passage and
        invitee: validating an amendment sends nothing more. Called by the validation, which checked access."""
        self.ensure_one()
        passage_sudo = self.passage_id.sudo()
        surveys_sudo = self.env["survey.survey"].sudo().search([("parcours_respondent", "!=", False)])
        by_respondent = {survey.parcours_respondent: survey for survey in surveys_sudo}
        already = self.env["survey.user_input"].sudo().search([("parcours_passage_id", "=", passage_sudo.id)])
        answers_sudo = self.env["survey.user_input"].sudo()
        for invitee in passage_sudo.invitee_ids.filtered(lambda i: i.attendance == "present"):
            respondent = "person" if invitee.role == "person" else "professional"
            survey_sudo = by_respondent.get(respondent)
            if not survey_sudo or invitee.partner_id in already.partner_id:
                continue
            answers_sudo |= survey_sudo._create_answer(
                partner=invitee.partner_id,
                check_attempts=False,
                parcours_passage_id=passage_sudo.id,
                parcours_site_id=passage_sudo.site_id.id,
                parcours_company_id=passage_sudo.company_id.id,
                parcours_date=fields.Date.context_today(self, passage_sudo.start or passage_sudo.commission_id.start),
                parcours_respondent=respondent,
            )
        template_sudo = self.env.ref("referent_parcours.mail_template_parcours_questionnaire").sudo()
        mailed_sudo = answers_sudo.filtered(lambda a: a.partner_id.email)
        rendered = template_sudo._generate_template(mailed_sudo.ids, ["subject", "body_html"])
        self.env["mail.mail"].sudo().create(
            [
                {
                    "subject": rendered[answer.id]["subject"],
                    "body_html": rendered[answer.id]["body_html"],
                    "email_from": self.env.user.email_formatted or self.env.company.email_formatted,
                    "email_to": answer.partner_id.email_formatted,
                    "auto_delete": True,
                }
                for answer in mailed_sudo
            ]
        )
        return answers_sudo

    def _file_document(self):
        """Files the signed PDF on the decision record and notes it in the situation's chatter.

        The filed copy is read by everyone who follows the situation and e-mailed to the family and the
        invitees, so it is rendered as a shared copy: whoever validates, no refused subject is in it.
        """
        self.ensure_one()
        report = self.env["ir.actions.report"].with_context(parcours_shared_copy=True)
        content, kind = report._render_qweb_pdf("referent_parcours.action_report_parcours_releve", self.ids)
        extension = "pdf" if kind == "pdf" else "html"
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name.replace('/', '-')}.{extension}",
                    "raw": content,
                    # Filed on the decision record: read by whoever reads the record, the pilot and the
                    # secretariat included, whereas the situation's own file stays with who follows it.
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self._write_system({"attachment_id": attachment.id})
        self._share_document(attachment)
        self.case_id.sudo().message_post(
            body=self.env._("%(name)s is signed and validated.", name=self.name),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )

    def _share_document(self, attachment):
        """E-mails the signed record to the family and every invitee who has an address."""
        self.ensure_one()
        invitees = self.passage_id.sudo().invitee_ids.filtered(lambda i: i._can_be_emailed())
        invitees._template_mails(
            "referent_parcours.mail_template_parcours_releve_signed", dict.fromkeys(invitees, attachment)
        )
