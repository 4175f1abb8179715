from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    parcours_respondent = fields.Selection(
        [("person", "The person or the family"), ("professional", "A professional present")],
        string="Questionnaire after a commission, for",
        readonly=True,
        help="Sent when a decision record is validated; its answers are read only as counts and averages per "
        "site and quarter, never one by one.",
    )
