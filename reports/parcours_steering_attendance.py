from odoo import fields, models

from ..models.parcours_passage_invitee import ROLES


class ParcoursSteeringAttendance(models.Model):
    _name = "parcours.steering.attendance"
    _description = "Steering: attendance of invitees (counts only)"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _order = "commission_date desc"

    commission_date = fields.Date(string="Session date", readonly=True)
    role = fields.Selection(ROLES, readonly=True)
    structure_type_id = fields.Many2one("parcours.structure.type", string="Structure type", readonly=True)
    attendance = fields.Selection([("present", "Present"), ("excused", "Excused"), ("absent", "Absent")], readonly=True)
    present = fields.Integer(readonly=True, aggregator="sum")
    invitee_count = fields.Integer(string="Invitees", readonly=True, aggregator="sum")

    def _view_query(self):
        return """
        SELECT inv.id,
               c.company_id,
               c.site_id,
               (c.start AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris')::date AS commission_date,
               inv.role,
               i.structure_type_id,
               inv.attendance,
               (inv.attendance = 'present')::int AS present,
               p.case_id,
               1 AS invitee_count
          FROM parcours_passage_invitee inv
          JOIN parcours_passage p ON p.id = inv.passage_id
          JOIN parcours_commission c ON c.id = p.commission_id
     LEFT JOIN parcours_intervenant i ON i.id = inv.intervenant_id
         WHERE p.state IN ('held', 'postponed') AND inv.attendance IS NOT NULL
        """
