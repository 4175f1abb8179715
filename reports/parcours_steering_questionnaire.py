from odoo import fields, models

QUESTIONS = [
    ("listened", "Felt listened to"),
    ("understood", "Understood what was decided"),
    ("said", "Could say what mattered"),
    ("useful", "Meeting useful"),
    ("roles", "Clear who does what"),
    ("coordination", "Coordination improved"),
]


class ParcoursSteeringQuestionnaire(models.Model):
    """The scale answers of the questionnaires after a commission, one row per site, quarter, respondent and
    question with the number of answers and their average, for the sites and quarters where at least the
    organisation's minimum of questionnaires was answered (``res.company.parcours_survey_min_answers``); fewer,
    and the quarter of that site shows nothing. No row is one answer, none names a person, a family or a
    passage."""

    _name = "parcours.steering.questionnaire"
    _description = "Steering: questionnaires after a commission (counts and averages only)"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _order = "quarter desc"
    # The answers are not part of a situation's file: deleting a situation leaves them (without their passage).
    _steering_archived = False

    quarter = fields.Date(readonly=True, help="First day of the quarter of the session.")
    respondent = fields.Selection(
        [("person", "The person or the family"), ("professional", "A professional present")],
        string="Answered by",
        readonly=True,
    )
    question = fields.Selection(QUESTIONS, readonly=True)
    score = fields.Float(string="Average (1 to 5)", readonly=True, aggregator="avg", digits=(3, 1))
    answer_count = fields.Integer(string="Answers", readonly=True, aggregator="sum")
    score_total = fields.Float(string="Sum of the scores", readonly=True, aggregator="sum")

    def _view_query(self):
        return """
        WITH answered AS (
            SELECT ui.id,
                   ui.parcours_company_id AS company_id,
                   ui.parcours_site_id AS site_id,
                   ui.parcours_respondent AS respondent,
                   date_trunc('quarter', ui.parcours_date)::date AS quarter
              FROM survey_user_input ui
             WHERE ui.parcours_respondent IS NOT NULL AND ui.state = 'done'
               AND ui.parcours_site_id IS NOT NULL AND ui.parcours_date IS NOT NULL
        ), shown AS (
            SELECT a.company_id, a.site_id, a.respondent, a.quarter
              FROM answered a
              JOIN res_company co ON co.id = a.company_id
          GROUP BY a.company_id, a.site_id, a.respondent, a.quarter, co.parcours_survey_min_answers
            HAVING COUNT(*) >= GREATEST(COALESCE(co.parcours_survey_min_answers, 5), 1)
        )
        SELECT row_number() OVER (ORDER BY a.company_id, a.site_id, a.quarter, a.respondent, q.parcours_key) AS id,
               a.company_id,
               a.site_id,
               a.quarter,
               a.respondent,
               q.parcours_key AS question,
               AVG(l.value_scale)::float AS score,
               COUNT(*) AS answer_count,
               SUM(l.value_scale)::float AS score_total
          FROM answered a
          JOIN shown s ON s.company_id = a.company_id AND s.site_id = a.site_id
                      AND s.respondent = a.respondent AND s.quarter = a.quarter
          JOIN survey_user_input_line l ON l.user_input_id = a.id AND l.answer_type = 'scale'
                                       AND NOT COALESCE(l.skipped, FALSE)
          JOIN survey_question q ON q.id = l.question_id AND q.parcours_key IS NOT NULL
      GROUP BY a.company_id, a.site_id, a.quarter, a.respondent, q.parcours_key
        """
