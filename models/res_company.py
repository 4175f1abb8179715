from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    parcours_referent_alert_days = fields.Integer(
        string="Référent succession notice (days)",
        default=60,
        help="When the référent's own intervention ends within this many days, "
        "the situation is flagged and a successor must be designated.",
    )

    parcours_commission_access_days = fields.Integer(
        string="Commission access after closing (days)",
        default=30,
        help="How long the pilot and the secretary of a commission keep seeing the situations on its "
        "agenda once the session is closed, to finish its decision records.",
    )

    _sql_constraints = [
        (
            "parcours_commission_access_days_positive",
            "CHECK(parcours_commission_access_days >= 0)",
            "The commission access delay cannot be negative.",
        ),
        (
            "parcours_referent_alert_days_positive",
            "CHECK(parcours_referent_alert_days >= 0)",
            "The référent succession notice cannot be negative.",
        ),
    ]
