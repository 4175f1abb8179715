from odoo import fields, models


class ParcoursPublicHoliday(models.Model):
    _name = "parcours.public.holiday"
    _description = "Public holiday skipped when planning commissions"
    _order = "date desc"

    name = fields.Char(required=True)
    date = fields.Date(required=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        string="Organisation",
        index=True,
        help="Leave empty for a holiday that applies to every organisation.",
    )

    _sql_constraints = [
        ("date_company_unique", "UNIQUE(date, company_id)", "This holiday is already listed for this organisation."),
    ]
