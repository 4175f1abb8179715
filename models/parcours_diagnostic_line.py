from odoo import fields, models


class ParcoursDiagnosticLine(models.Model):
    _name = "parcours.diagnostic.line"
    _description = "Diagnostic element of a life domain (fiche de synthèse diagnostic)"
    _inherit = ["parcours.restricted.mixin", "parcours.projet.line.mixin", "parcours.anchor.mixin"]
    _parcours_anchor_fields = ("projet_id", "case_id", "author_id")
    _order = "projet_id, priority, id"

    projet_id = fields.Many2one("parcours.projet", string="Plan", required=True, index=True, ondelete="cascade")
    case_id = fields.Many2one(related="projet_id.case_id", store=True, index=True, string="Situation")
    domain_id = fields.Many2one("parcours.life.domain", string="Life domain", required=True, ondelete="restrict")
    kind = fields.Selection(
        [("brake", "Difficulty (brake)"), ("lever", "Resource (lever)")], required=True, default="brake"
    )
    priority = fields.Integer(default=1, required=True, help="1 is the most urgent, 7 the least.")
    description = fields.Text(string="What is observed", required=True)
    goal = fields.Char(string="Goal that follows")

    _sql_constraints = [
        ("priority_range", "CHECK(priority BETWEEN 1 AND 7)", "A priority goes from 1 (most urgent) to 7."),
    ]
