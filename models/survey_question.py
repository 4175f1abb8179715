from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    parcours_key = fields.Char(
        string="Steering key",
        readonly=True,
        help="Names the scale question in the steering figures (questionnaires after a commission).",
    )
