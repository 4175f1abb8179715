from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize, formataddr

# What a version says; once adopted in commission these no longer change.
CONTENT_FIELDS = {
    "date",
    "diagnosis",
    "aspiration_short",
    "aspiration_medium",
    "aspiration_long",
    "strengths",
    "non_negotiable",
    "observations",
    "revision_date",
    "commission_rhythm",
    "diagnostic_ids",
    "diagnostic_phase",
    "diagnostic_date_start",
    "diagnostic_date_end",
    "final_goal",
    "path_question",
    "diagnostic_comments",
}


class ParcoursProjet(models.Model):
    _name = "parcours.projet"
    _description = "Plan built with the person (projet avec la personne)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "parcours.file.mixin",
        "parcours.anchor.mixin",
        "parcours.logged.mixin",
        "parcours.locked.mixin",
    ]
    _parcours_anchor_fields = ("case_id",)
    _locked_fields = CONTENT_FIELDS
    _parcours_system_fields = ("state",)
    _order = "case_id, version desc"

    name = fields.Char(compute="_compute_name")
    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, string="Organisation")
    version = fields.Integer(default=1, readonly=True, copy=False)
    previous_id = fields.Many2one(
        "parcours.projet", string="Previous version", readonly=True, copy=False, index="btree_not_null"
    )
    state = fields.Selection(
        [("draft", "Being built"), ("adopted", "Adopted"), ("review", "Under review"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    date = fields.Date(string="Plan date", required=True, default=fields.Date.context_today)
    adopted_date = fields.Date(readonly=True, copy=False)
    adopted_passage_id = fields.Many2one(
        "parcours.passage", string="Adopted in", readonly=True, copy=False, index="btree_not_null"
    )
    diagnosis = fields.Html(
        string="Global presentation of the situation",
        help="The shared diagnosis, written with the person: what goes well, what is hard.",
    )
    aspiration_short = fields.Text(string="In the coming months", help="In the person's own words.")
    aspiration_medium = fields.Text(string="Within a year or two", help="In the person's own words.")
    aspiration_long = fields.Text(string="Later, the life project", help="In the person's own words.")
    strengths = fields.Text(string="Strengths and potentials", help="What the person or the family can rely on.")
    non_negotiable = fields.Text(
        string="Not negotiable here",
        help="The regulatory frame and commitments taken elsewhere (a child's projet pour l'enfant, a court "
        "decision...) that this plan respects.",
    )
    observations = fields.Text()
    referent_intervenant_id = fields.Many2one(related="case_id.referent_intervenant_id", string="Référent de parcours")
    referent_name = fields.Char(related="case_id.referent_intervenant_id.partner_id.name", string="Référent's name")
    household_name = fields.Char(
        related="case_id.partner_id.name",
        string="Person or household",
        help="Printed on the plan for whoever may read it; the contact itself stays with the professionals involved.",
    )
    accompaniments = fields.Text(
        compute="_compute_accompaniments",
        compute_sudo=True,
        string="Professionals and measures in progress",
        help="Taken from the situation's accompaniment list, never retyped.",
    )
    diagnostic_phase = fields.Selection(
        [("reception", "Reception phase"), ("accompaniment", "Accompaniment phase")],
        string="Phase",
        default="reception",
        help="When the diagnosis was made: during the reception interviews, or later in the accompaniment.",
    )
    diagnostic_date_start = fields.Date(string="Diagnostic interviews from")
    diagnostic_date_end = fields.Date(string="Diagnostic interviews until")
    final_goal = fields.Char(
        string="Final goal of the accompaniment",
        help="Where the person wants to get to, in their words: for instance, find a job as a cashier.",
    )
    path_question = fields.Text(
        string="Question the path answers (problématique)",
        help="In the person's words: for instance, how can I work as a cashier without leaving my son alone at home?",
    )
    diagnostic_comments = fields.Text(string="Comments on the diagnosis")
    revision_date = fields.Date(string="Planned revision")
    commission_rhythm = fields.Char(string="Rhythm of commissions", help="For instance: every three months.")
    diagnostic_ids = fields.One2many("parcours.diagnostic.line", "projet_id", string="Diagnostic elements")
    objective_ids = fields.One2many("parcours.objective", "projet_id", string="Goals")
    step_ids = fields.One2many("parcours.projet.step", "projet_id", string="Steps of the path")
    objective_count = fields.Integer(compute="_compute_objective_count", string="Goals count")

    _sql_constraints = [
        ("version_unique", "UNIQUE(case_id, version)", "This version of the plan already exists."),
        (
            "diagnostic_dates_ordered",
            "CHECK(diagnostic_date_end IS NULL OR diagnostic_date_start IS NULL "
            "OR diagnostic_date_end >= diagnostic_date_start)",
            "The diagnostic interviews end on or after the day they start.",
        ),
    ]

    def init(self):
        # One plan being built and one plan in force per situation: the database guards it.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS parcours_projet_one_draft"
            " ON parcours_projet (case_id) WHERE state = 'draft'"
        )
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS parcours_projet_one_in_force ON parcours_projet (case_id) "
            "WHERE state IN ('adopted', 'review')"
        )

    @api.depends("case_id.name", "version")
    def _compute_name(self):
        """Situation reference and version number: nothing of the content."""
        for projet in self:
            projet.name = self.env._(
                "Plan %(case)s — version %(version)s", case=projet.case_id.name or "", version=projet.version
            )

    @api.depends(
        "case_id.intervenant_ids.date_end",
        "case_id.intervenant_ids.accompaniment",
        "case_id.intervenant_ids.partner_id",
    )
    def _compute_accompaniments(self):
        """The accompaniments in progress today, one per line, from the situation's list."""
        for projet in self:
            projet.accompaniments = projet.case_id.intervenant_ids.filtered("is_active")._accompaniment_lines()

    @api.depends("objective_ids")
    def _compute_objective_count(self):
        """Counts the goals of this version."""
        for projet in self:
            projet.objective_count = len(projet.objective_ids)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_system_vals(vals_list)
        case_ids = [
            vals["case_id"] for vals in vals_list if vals.get("case_id") and vals.get("state", "draft") == "draft"
        ]
        if case_ids and self.search_count([("case_id", "in", case_ids), ("state", "=", "draft")]):
            raise UserError(
                self.env._("A plan is already being built for this situation: complete it rather than start another.")
            )
        return super().create(vals_list)

    def action_adopt(self, passage=None):
        """Adopts this version (in commission); the version it replaces is closed and stays readable."""
        for projet in self:
            if projet.state != "draft":
                raise UserError(self.env._("Only a plan being built can be adopted (%(name)s).", name=projet.name))
            if not projet.objective_ids:
                raise UserError(
                    self.env._("Set at least one goal with the person before adopting %(name)s.", name=projet.name)
                )
            in_force = self.search([("case_id", "=", projet.case_id.id), ("state", "in", ("adopted", "review"))])
            projet.check_access("write")
            in_force._write_system({"state": "closed"})
            # The unique index allows one plan in force: the replaced one must be closed first.
            in_force.flush_recordset(["state"])
            projet._write_system(
                {
                    "state": "adopted",
                    "adopted_date": passage.start.date()
                    if passage and passage.start
                    else fields.Date.context_today(self),
                    "adopted_passage_id": passage.id if passage else False,
                }
            )
        return True

    def action_revise(self, date=None):
        """Prepares the next version: the adopted one stays frozen, open goals and steps are carried over."""
        self.ensure_one()
        if self.state not in ("adopted", "review"):
            raise UserError(self.env._("Only an adopted plan can be revised (%(name)s).", name=self.name))
        existing = self.search([("case_id", "=", self.case_id.id), ("state", "=", "draft")], limit=1)
        if existing:
            return existing
        self.check_access("write")
        # The revision carries every line, including those on subjects the reviser may not read (the secretary
        # opening a decision record, for instance): it is copied as the system, each line keeping its author so
        # that the refused-subject rule reads the copy exactly as the original.
        projet_sudo = self.sudo()
        projet_sudo.state = "review"
        new = projet_sudo.copy(projet_sudo._prepare_revision_vals(date or fields.Date.context_today(self)))
        new.objective_ids = [
            Command.create(objective._prepare_carry_over_vals(new.date))
            for objective in projet_sudo.objective_ids.filtered(lambda o: o.status in ("todo", "in_progress"))
        ]
        new._relink_carried_goals(projet_sudo)
        return new.with_env(self.env)

    def _relink_carried_goals(self, previous):
        """The copied diagnostic elements and steps point to the goals carried into this version (none when their
        goal was not carried): a formalised goal is always one of the plan's own goals."""
        self.ensure_one()
        carried = {goal.carried_from_id: goal for goal in self.objective_ids}
        diagnostic_sources, step_sources = previous._revision_sources()
        # The copies were created in their sources' order: ids follow it.
        for copies, sources in (
            (self.diagnostic_ids.sorted("id"), diagnostic_sources),
            (self.step_ids.sorted("id"), step_sources),
        ):
            for copy, source in zip(copies, sources, strict=True):
                goal = carried.get(source.objective_id)
                if goal:
                    copy.objective_id = goal

    def action_open_revision(self):
        self.ensure_one()
        new = self.action_revise()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id, "view_mode": "form"}

    def action_print(self):
        return self.env.ref("referent_parcours.action_report_parcours_projet").report_action(self)

    def action_print_diagnostic(self):
        """Prints the fiche de synthèse diagnostic (the Ariège grid)."""
        return self.env.ref("referent_parcours.action_report_parcours_diagnostic").report_action(self)

    def action_send(self):
        """E-mails the adopted plan, as the copy handed out, to the family and every professional who follows the
        situation and has an address; files it on the plan and notes it in the situation's file."""
        self.ensure_one()
        self.check_access("write")
        if not self.case_id.access_involved:
            raise AccessError(self.env._("The plan is sent by the professionals who follow the situation."))
        if self.state not in ("adopted", "review"):
            raise UserError(
                self.env._("Only a plan adopted in commission is sent: %(name)s is being built.", name=self.name)
            )
        recipients = self._send_recipients()
        if not recipients:
            raise UserError(
                self.env._(
                    "Nobody to send %(name)s to: neither the family nor the professionals who follow the situation "
                    "have an e-mail address.",
                    name=self.name,
                )
            )
        attachment = self._file_shared_copy()
        self._mail_to(recipients, attachment)
        self.case_id.sudo().message_post(
            body=self.env._(
                "%(name)s was sent by e-mail to %(names)s.",
                name=self.name,
                names=", ".join(recipients.mapped("name")),
            ),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )
        self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The plan is sent to %(count)s recipients.", count=len(recipients)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _send_recipients(self):
        """The family's contact, and the professionals who may read the situation today (all of them under the
        sharing consent, else its référent and proposer), each with an address: as contacts, family first."""
        self.ensure_one()
        case_sudo = self.case_id.sudo()
        lines_sudo = case_sudo.intervenant_ids.filtered(
            lambda line: line.is_active
            and email_normalize(line.email)
            and (case_sudo.sharing_in_force or line.is_referent or line.is_proposer)
        )
        family_sudo = case_sudo.partner_id.filtered(lambda partner: email_normalize(partner.email))
        return family_sudo | lines_sudo.partner_id

    def _recipient_address(self, partner):
        """A professional is written to at the address of their line (adapted for this situation)."""
        line_sudo = self.case_id.sudo().intervenant_ids.filtered(
            lambda line: line.partner_id == partner and line.is_active and line.email
        )[:1]
        return formataddr((partner.name, line_sudo.email or partner.email))

    def _file_shared_copy(self):
        """The plan as handed out (no refused subject, whoever sends it), filed on the plan."""
        self.ensure_one()
        report = self.env["ir.actions.report"].with_context(parcours_shared_copy=True)
        content, kind = report._render_qweb_pdf("referent_parcours.action_report_parcours_projet", self.ids)
        extension = "pdf" if kind == "pdf" else "html"
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name.replace('/', '-')}.{extension}",
                    "raw": content,
                    "mimetype": "application/pdf" if extension == "pdf" else "text/html",
                    # Filed on the plan: read by whoever reads the plan, the copy leaves the refused subjects out.
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    def _mail_to(self, recipients, attachment):
        """One e-mail per recipient from the plan's mail.template, in the recipient's language."""
        self.ensure_one()
        template = self.env.ref("referent_parcours.mail_template_parcours_projet_sent").sudo()
        author = self.env.user
        vals_list = []
        for lang, partners in recipients.grouped(lambda partner: partner.lang or self.env.lang).items():
            rendered = template.with_context(lang=lang)._generate_template(self.ids, ["subject", "body_html"])[self.id]
            vals_list += [
                {
                    "subject": rendered["subject"],
                    "body_html": rendered["body_html"],
                    "email_from": author.email_formatted,
                    "author_id": author.partner_id.id,
                    "email_to": self._recipient_address(partner),
                    "attachment_ids": [Command.set(attachment.ids)],
                    "auto_delete": False,
                }
                for partner in partners
            ]
        return self.env["mail.mail"].sudo().create(vals_list)

    def _report_situation(self):
        """What the plan prints of its situation (address, household, professionals, référent, who signs).

        Read as the system once the reader's access to the plan is checked: the pilot and the secretariat read
        the plan for the commission, as they read the decision record, not the contacts themselves.
        """
        self.ensure_one()
        self.check_access("read")
        case_sudo = self.case_id.sudo()
        members_sudo = case_sudo.member_ids
        adults_sudo = members_sudo.filtered(lambda m: m.relationship in ("self", "spouse"))
        return {
            "address": case_sudo.partner_id._parcours_postal_address(),
            "members": members_sudo,
            "intervenants": case_sudo.intervenant_ids.filtered("is_active"),
            "referent": case_sudo.referent_intervenant_id,
            "family_signers": adults_sudo.mapped("name") or [case_sudo.partner_id.name],
            "pilot": self.adopted_passage_id.sudo().commission_id.pilot_id,
            "commission_date": self.adopted_date,
        }

    def _diagnostic_goal_numbers(self, lines=None):
        """The number of each goal on the fiche de synthèse: the priority of the difficulty it answers, as the
        Ariège grid numbers them ({goal id: number}), for the difficulties the reader may see."""
        numbers = {}
        for line in self._visible_diagnostic_lines() if lines is None else lines:
            if line.kind == "brake" and line.objective_id:
                numbers.setdefault(line.objective_id.id, line.priority)
        return numbers

    def action_close(self):
        """Closes the plan when the accompaniment ends; it stays readable."""
        self.check_access("write")
        self._write_system({"state": "closed"})

    def _locked_message(self, operation):
        """An adopted version and its lines do not change; follow-up happens on the goals."""
        if operation == "unlink":
            return self.env._("An adopted plan stays in the situation's history; only a draft can be deleted.")
        return self.env._(
            '%(names)s was adopted in commission and is kept as adopted: use "Revise" to prepare a new version.',
            names=", ".join(self.mapped("name")),
        )

    def _prepare_revision_vals(self, date):
        self.ensure_one()
        diagnostic_sources, step_sources = self._revision_sources()
        return {
            "version": self.version + 1,
            "previous_id": self.id,
            "date": date,
            "diagnostic_phase": "accompaniment",
            "diagnostic_ids": [Command.create(vals) for vals in diagnostic_sources.copy_data({"objective_id": False})],
            "step_ids": [Command.create(vals) for vals in step_sources.copy_data({"objective_id": False})],
        }

    def _revision_sources(self):
        """The diagnostic elements and the steps a revision copies (steps not done yet)."""
        self.ensure_one()
        return self.diagnostic_ids, self.step_ids.filtered(lambda s: not s.done)

    def _cron_revision_due(self):
        """Asks the référent to revise plans whose planned revision date has passed."""
        activity_type = self.env.ref("referent_parcours.mail_activity_type_projet_revision")
        today = fields.Date.context_today(self)
        due = self.search([("state", "=", "adopted"), ("revision_date", "<", today)])
        already = due.activity_ids.filtered(lambda a: a.activity_type_id == activity_type).mapped("res_id")
        for projet in due.filtered(lambda p: p.id not in already):
            user = projet.case_id.referent_user_id or projet.create_uid
            projet.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                date_deadline=today,
                note=self.env._("The planned revision date of %(name)s has passed.", name=projet.name),
            )

    def _visible_objectives(self):
        """Goals the reader may see: a search applies the refused-subject rule, a one2many would not."""
        return self.env["parcours.objective"]._search_for_reader(
            [("projet_id", "in", self.ids)], "domain_id, deadline, id"
        )

    def _visible_steps(self):
        """Steps the reader may see: a step that serves a goal they may not see is left out with it."""
        goals = self._visible_objectives()
        return self.step_ids.filtered(lambda s: not s.objective_id or s.objective_id in goals)

    def _visible_diagnostic_lines(self):
        """Diagnostic elements the reader may see: the difficulties by priority, then the resources."""
        return self.env["parcours.diagnostic.line"]._search_for_reader(
            [("projet_id", "in", self.ids)], "kind, priority, id"
        )
