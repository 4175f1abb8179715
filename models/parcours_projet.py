from odoo import Command, api, fields, models
from odoo.exceptions import UserError

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
    revision_date = fields.Date(string="Planned revision")
    commission_rhythm = fields.Char(string="Rhythm of commissions", help="For instance: every three months.")
    diagnostic_ids = fields.One2many("parcours.diagnostic.line", "projet_id", string="Diagnostic elements")
    objective_ids = fields.One2many("parcours.objective", "projet_id", string="Goals")
    step_ids = fields.One2many("parcours.projet.step", "projet_id", string="Steps of the path")
    objective_count = fields.Integer(compute="_compute_objective_count", string="Goals count")

    _sql_constraints = [
        ("version_unique", "UNIQUE(case_id, version)", "This version of the plan already exists."),
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
        return new.with_env(self.env)

    def action_open_revision(self):
        self.ensure_one()
        new = self.action_revise()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": new.id, "view_mode": "form"}

    def action_print(self):
        return self.env.ref("referent_parcours.action_report_parcours_projet").report_action(self)

    def action_print_diagnostic(self):
        return self.env.ref("referent_parcours.action_report_parcours_diagnostic").report_action(self)

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
        return {
            "version": self.version + 1,
            "previous_id": self.id,
            "date": date,
            "diagnostic_ids": [Command.create(line.copy_data()[0]) for line in self.diagnostic_ids],
            "step_ids": [Command.create(step.copy_data()[0]) for step in self.step_ids.filtered(lambda s: not s.done)],
        }

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
        """Diagnostic elements the reader may see, by priority."""
        return self.env["parcours.diagnostic.line"]._search_for_reader([("projet_id", "in", self.ids)], "priority, id")
