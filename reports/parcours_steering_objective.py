from odoo import fields, models

from ..models.parcours_objective import OUTCOMES


class ParcoursSteeringObjective(models.Model):
    _name = "parcours.steering.objective"
    _description = "Steering: goals of the plans in force (counts only)"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _steering_archived = False
    _order = "plan_date desc"

    domain_id = fields.Many2one("parcours.life.domain", string="Life domain", readonly=True)
    status = fields.Selection(OUTCOMES, readonly=True)
    plan_date = fields.Date(readonly=True)
    revision_overdue = fields.Boolean(string="Plan past its revision date", readonly=True)
    goal_count = fields.Integer(string="Goals", readonly=True, aggregator="sum")

    def _view_query(self):
        return """
        SELECT o.id,
               c.company_id,
               c.site_id,
               o.domain_id,
               o.status,
               pr.date AS plan_date,
               COALESCE(pr.revision_date < CURRENT_DATE, FALSE) AS revision_overdue,
               pr.case_id,
               1 AS goal_count
          FROM parcours_objective o
          JOIN parcours_projet pr ON pr.id = o.projet_id
          JOIN parcours_case c ON c.id = pr.case_id
         WHERE pr.state IN ('adopted', 'review')
        """
