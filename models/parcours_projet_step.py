from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ParcoursProjetStep(models.Model):
    _name = "parcours.projet.step"
    _description = "Step of the proposed path"
    _inherit = ["parcours.projet.line.mixin", "parcours.anchor.mixin"]
    _parcours_anchor_fields = ("projet_id", "case_id")
    _order = "projet_id, planned_date, id"
    # The follow-up between commissions: a step done is ticked on the adopted plan.
    _unlocked_fields = frozenset({"done"})

    projet_id = fields.Many2one("parcours.projet", string="Plan", required=True, index=True, ondelete="cascade")
    case_id = fields.Many2one(related="projet_id.case_id", store=True, index=True, string="Situation")
    objective_id = fields.Many2one(
        "parcours.objective", string="Goal", domain="[('projet_id', '=', projet_id)]", index="btree_not_null"
    )
    name = fields.Char(string="Step", required=True)
    planned_date = fields.Date(string="Planned for")
    operator = fields.Char(string="Expected operator", help="Who carries this step.")
    done = fields.Boolean()

    @api.constrains("objective_id", "projet_id")
    def _check_objective_of_plan(self):
        # Read as the system: the goal may be on a subject the writer does not read; the message names only steps.
        wrong = self.sudo().filtered(lambda step: step.objective_id and step.objective_id.projet_id != step.projet_id)
        if wrong:
            raise ValidationError(
                self.env._(
                    "A step serves one of the goals of the same plan: choose it among them (%(steps)s).",
                    steps=", ".join(wrong.mapped("name")),
                )
            )
