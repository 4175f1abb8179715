from odoo import fields, models


class SurveyUserInput(models.Model):
    """An answer to a questionnaire after a commission carries where and when, never read one by one: a global
    rule hides these answers from every user (they are created and answered through the token, as the system),
    and the steering reads them only as counts and averages per site and quarter."""

    _inherit = "survey.user_input"

    parcours_passage_id = fields.Many2one(
        "parcours.passage", string="Passage", readonly=True, index="btree_not_null", ondelete="set null"
    )
    parcours_site_id = fields.Many2one("parcours.site", string="Site", readonly=True, ondelete="set null")
    parcours_company_id = fields.Many2one("res.company", string="Organisation", readonly=True)
    parcours_date = fields.Date(string="Session date", readonly=True)
    parcours_respondent = fields.Selection(
        [("person", "The person or the family"), ("professional", "A professional present")],
        string="Answered by",
        readonly=True,
    )
