from odoo import fields, models


class ParcoursSite(models.Model):
    _name = "parcours.site"
    _description = "Site (local unit running commissions)"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Address", help="Where the site receives people and holds its commissions."
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_company_unique", "UNIQUE(name, company_id)", "A site with this name already exists in this organisation."),
    ]
