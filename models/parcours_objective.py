from odoo import api, fields, models
from odoo.exceptions import ValidationError

# What was agreed in commission; the follow-up fields (status, note, to review) stay editable.
AGREED_FIELDS = {
    "domain_id",
    "name",
    "means",
    "actor_person",
    "actor_intervenant_ids",
    "actor_other",
    "deadline",
    "projet_id",
}
OUTCOMES = [
    ("todo", "To start"),
    ("in_progress", "In progress"),
    ("achieved", "Achieved"),
    ("not_achieved", "Not achieved yet"),
    ("abandoned", "Given up"),
    ("obsolete", "No longer relevant"),
]


class ParcoursObjective(models.Model):
    _name = "parcours.objective"
    _description = "Goal of the plan, set with the person"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "parcours.restricted.mixin",
        "parcours.file.mixin",
        "parcours.anchor.mixin",
        "parcours.logged.mixin",
        "parcours.projet.line.mixin",
    ]
    _parcours_anchor_fields = ("projet_id", "case_id", "author_id")
    _locked_fields = AGREED_FIELDS
    _order = "projet_id, domain_id, deadline, id"

    name = fields.Char(string="Goal", required=True, tracking=True)
    projet_id = fields.Many2one("parcours.projet", string="Plan", required=True, index=True, ondelete="cascade")
    case_id = fields.Many2one(related="projet_id.case_id", store=True, index=True, string="Situation")
    domain_id = fields.Many2one("parcours.life.domain", string="Life domain", required=True, ondelete="restrict")
    means = fields.Text(string="Means and actions")
    actor_person = fields.Boolean(
        string="The person acts", default=True, help="The person first, in proportion to what they can do."
    )
    actor_intervenant_ids = fields.Many2many(
        "parcours.intervenant",
        string="Professionals who act",
        domain="[('case_id', '=', case_id)]",
    )
    actor_other = fields.Char(string="Others who act", help="Family, friends, a volunteer...")
    actor_names = fields.Char(
        compute="_compute_actor_names",
        compute_sudo=True,
        string="Who acts",
        help="As printed on the documents.",
    )
    deadline = fields.Date()
    status = fields.Selection(OUTCOMES, default="todo", required=True, tracking=True)
    status_note = fields.Text(string="Where it stands")
    to_review = fields.Boolean(string="To review at next commission", default=True)
    releve_id = fields.Many2one("parcours.releve", string="Set in", readonly=True, index="btree_not_null")
    carried_from_id = fields.Many2one(
        "parcours.objective", string="Carried from", readonly=True, index="btree_not_null"
    )

    @api.depends("actor_person", "actor_intervenant_ids.partner_id.name", "actor_other")
    @api.depends_context("lang")
    def _compute_actor_names(self):
        """The person first, then the professionals and the others who act."""
        for objective in self:
            names = [self.env._("The family")] if objective.actor_person else []
            names += objective.actor_intervenant_ids.partner_id.mapped("name")
            names += [objective.actor_other] if objective.actor_other else []
            objective.actor_names = ", ".join(names)

    @api.constrains("actor_person", "actor_intervenant_ids", "actor_other")
    def _check_someone_acts(self):
        idle = self.filtered(lambda o: not (o.actor_person or o.actor_intervenant_ids or (o.actor_other or "").strip()))
        if idle:
            raise ValidationError(
                self.env._(
                    "Say who acts for each goal (the person, a professional or someone else): %(goals)s.",
                    goals=", ".join(idle.mapped("name")),
                )
            )

    @api.constrains("deadline", "projet_id")
    def _check_deadline(self):
        early = self.filtered(lambda o: o.deadline and o.projet_id.date and o.deadline < o.projet_id.date)
        if early:
            raise ValidationError(
                self.env._(
                    "A goal cannot be due before the plan's date: change the deadline of %(goals)s.",
                    goals=", ".join(early.mapped("name")),
                )
            )

    @api.constrains("actor_intervenant_ids", "case_id")
    def _check_actors_of_case(self):
        for objective in self:
            strangers = objective.actor_intervenant_ids.filtered(lambda i, case=objective.case_id: i.case_id != case)
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(names)s do not follow this situation and cannot act on %(goal)s.",
                        names=", ".join(strangers.mapped("partner_id.name")),
                        goal=objective.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        releves = self.env["parcours.releve"].browse([v["releve_id"] for v in vals_list if v.get("releve_id")])
        # A goal set in a decision record is written with it: not once the record is signed.
        releves._check_unlocked("write")
        for vals in vals_list:
            if vals.get("releve_id") and not vals.get("projet_id"):
                vals["projet_id"] = releves.browse(vals["releve_id"]).projet_id.id
        return super().create(vals_list)

    def write(self, vals):
        if "releve_id" in vals:
            # Neither moved into nor taken out of a signed decision record.
            (self.releve_id | self.env["parcours.releve"].browse(vals["releve_id"]))._check_unlocked("write")
        return super().write(vals)

    def _locked_add_message(self, parents):
        return self.env._("Goals are added to a plan being built: revise the adopted plan first.")

    def _locked_message(self, operation):
        """What was agreed in commission stays; where the goal stands is recorded on it."""
        if operation == "unlink":
            return self.env._("A goal agreed in commission stays in the plan's history.")
        return self.env._(
            "This goal was agreed in commission: record where it stands, or change it in the next version of the plan."
        )

    def _prepare_carry_over_vals(self, date):
        self.ensure_one()
        return {
            "name": self.name,
            "domain_id": self.domain_id.id,
            "means": self.means,
            "actor_person": self.actor_person,
            "actor_intervenant_ids": [fields.Command.set(self.actor_intervenant_ids.filtered("is_active").ids)],
            "actor_other": self.actor_other,
            "deadline": self.deadline if self.deadline and self.deadline >= date else False,
            "status": self.status,
            "status_note": self.status_note,
            "carried_from_id": self.id,
            "author_id": self.author_id.id,
        }
