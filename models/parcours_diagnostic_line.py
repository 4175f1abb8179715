from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import sql


class ParcoursDiagnosticLine(models.Model):
    _name = "parcours.diagnostic.line"
    _description = "Diagnostic element of a life domain (fiche de synthèse diagnostic)"
    _inherit = ["parcours.restricted.mixin", "parcours.projet.line.mixin", "parcours.anchor.mixin"]
    _parcours_anchor_fields = ("projet_id", "case_id", "author_id")
    # The difficulties first, by priority, then the resources: as the Ariège grid reads them.
    _order = "projet_id, kind, priority, id"

    projet_id = fields.Many2one("parcours.projet", string="Plan", required=True, index=True, ondelete="cascade")
    case_id = fields.Many2one(related="projet_id.case_id", store=True, index=True, string="Situation")
    domain_id = fields.Many2one("parcours.life.domain", string="Life domain", required=True, ondelete="restrict")
    kind = fields.Selection(
        [("brake", "Difficulty (brake)"), ("lever", "Resource (lever)")], required=True, default="brake"
    )
    priority = fields.Integer(
        compute="_compute_priority",
        store=True,
        readonly=False,
        precompute=True,
        help="Ranks the difficulties (brakes) only: 1 is the most urgent, 7 the least. A resource has none.",
    )
    description = fields.Text(string="What is observed", required=True)
    objective_id = fields.Many2one(
        "parcours.objective",
        string="Formalised goal",
        domain="[('projet_id', '=', projet_id)]",
        index="btree_not_null",
        ondelete="set null",
        help="The plan's goal that answers this difficulty: written once, in the plan's goals, never copied here.",
    )

    _sql_constraints = [
        (
            "priority_range",
            "CHECK(kind != 'brake' OR priority BETWEEN 1 AND 7)",
            "A priority goes from 1 (most urgent) to 7.",
        ),
        (
            "priority_brakes_only",
            "CHECK(kind = 'brake' OR priority = 0)",
            "Only difficulties (brakes) are ranked by priority: a resource (lever) has none.",
        ),
    ]

    def _auto_init(self):
        # Resources were once ranked too: they lose their rank before the constraint that forbids it is added.
        cr = self.env.cr
        if sql.column_exists(cr, self._table, "kind") and sql.column_exists(cr, self._table, "priority"):
            # The former range check applied to every line: it goes, the new checks are added by the ORM.
            cr.execute(
                "ALTER TABLE parcours_diagnostic_line DROP CONSTRAINT IF EXISTS parcours_diagnostic_line_priority_range"
            )
            cr.execute("UPDATE parcours_diagnostic_line SET priority = 0 WHERE kind != 'brake' AND priority != 0")
        return super()._auto_init()

    @api.depends("kind")
    def _compute_priority(self):
        """A difficulty is ranked (1 unless said otherwise); a resource is not."""
        for line in self:
            if line.kind != "brake":
                line.priority = 0
            elif not line.priority:
                line.priority = 1

    @api.constrains("objective_id", "projet_id")
    def _check_objective_of_plan(self):
        # Read as the system: the goal may be on a subject the writer does not read; the message names only lines.
        wrong = self.sudo().filtered(lambda line: line.objective_id and line.objective_id.projet_id != line.projet_id)
        if wrong:
            raise ValidationError(
                self.env._(
                    "A formalised goal is one of the goals of the same plan: choose it among them (%(lines)s).",
                    lines=", ".join(wrong.mapped("description")),
                )
            )
