from odoo import fields, models


class ParcoursLifeDomain(models.Model):
    _name = "parcours.life.domain"
    _description = "Life domain"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable identifier used by reports and imports.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Each life domain needs its own code."),
    ]
