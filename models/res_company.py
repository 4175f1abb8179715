from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    parcours_referent_alert_days = fields.Integer(
        string="Référent succession notice (days)",
        default=60,
        help="When the référent's own intervention ends within this many days, "
        "the situation is flagged and a successor must be designated.",
    )

    _sql_constraints = [
        (
            "parcours_referent_alert_days_positive",
            "CHECK(parcours_referent_alert_days >= 0)",
            "The référent succession notice cannot be negative.",
        ),
    ]
