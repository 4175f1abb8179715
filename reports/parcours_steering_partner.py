from odoo import fields, models

from ..models.parcours_case import CASE_STATES


class ParcoursSteeringPartner(models.Model):
    _name = "parcours.steering.partner"
    _description = "Steering: partners involved in the accompaniment lists (counts only)"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _order = "date_start desc"

    structure_type_id = fields.Many2one("parcours.structure.type", string="Structure type", readonly=True)
    case_state = fields.Selection(CASE_STATES, string="Situation status", readonly=True)
    date_start = fields.Date(string="Start date", readonly=True)
    is_referent = fields.Boolean(string="Référent", readonly=True)
    follows_today = fields.Boolean(string="Follows a situation today", readonly=True)
    involvement_count = fields.Integer(
        string="Accompaniments", readonly=True, aggregator="sum", help="Lines of accompaniment lists."
    )

    def _view_query(self):
        return """
        SELECT i.id,
               c.company_id,
               c.site_id,
               i.structure_type_id,
               c.state AS case_state,
               i.date_start,
               COALESCE(i.is_referent, FALSE) AS is_referent,
               i.date_start <= CURRENT_DATE AND (i.date_end IS NULL OR i.date_end > CURRENT_DATE) AS follows_today,
               i.case_id,
               1 AS involvement_count
          FROM parcours_intervenant i
          JOIN parcours_case c ON c.id = i.case_id
        """
