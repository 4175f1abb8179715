from odoo import fields, models


class ParcoursStructureType(models.Model):
    _name = "parcours.structure.type"
    _description = "Type of partner structure"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share this type with every organisation of the instance."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_company_unique", "UNIQUE(code, company_id)", "This structure type code already exists."),
    ]
