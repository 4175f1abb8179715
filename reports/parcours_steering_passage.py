from odoo import fields, models


class ParcoursSteeringPassage(models.Model):
    _name = "parcours.steering.passage"
    _description = "Steering: passages in commission (counts only)"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _order = "commission_date desc"

    commission_id = fields.Many2one("parcours.commission", string="Session", readonly=True)
    commission_date = fields.Date(string="Session date", readonly=True)
    commission_state = fields.Selection(
        [
            ("planned", "Planned"),
            ("invited", "Invitations sent"),
            ("held", "Held"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        string="Session status",
        readonly=True,
    )
    state = fields.Selection(
        [("scheduled", "Scheduled"), ("held", "Held"), ("postponed", "Postponed"), ("cancelled", "Cancelled")],
        readonly=True,
    )
    family_present = fields.Integer(string="Family present", readonly=True, aggregator="sum")
    family_recorded = fields.Integer(string="Family attendance recorded", readonly=True, aggregator="sum")
    notice_days = fields.Integer(string="Invitation notice (days)", readonly=True, aggregator="avg")
    postponed = fields.Integer(readonly=True, aggregator="sum")
    passage_count = fields.Integer(string="Passages", readonly=True, aggregator="sum")

    def _view_query(self):
        return """
        SELECT p.id,
               c.company_id,
               c.site_id,
               c.id AS commission_id,
               (c.start AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris')::date AS commission_date,
               c.state AS commission_state,
               p.state,
               COALESCE(f.present, 0) AS family_present,
               COALESCE(f.recorded, 0) AS family_recorded,
               CASE WHEN c.invitation_date IS NOT NULL
                    THEN (c.start::date - c.invitation_date::date) END AS notice_days,
               (p.state = 'postponed')::int AS postponed,
               p.case_id,
               1 AS passage_count
          FROM parcours_passage p
          JOIN parcours_commission c ON c.id = p.commission_id
     LEFT JOIN LATERAL (
               SELECT MAX((inv.attendance = 'present')::int) AS present,
                      MAX((inv.attendance IS NOT NULL)::int) AS recorded
                 FROM parcours_passage_invitee inv
                WHERE inv.passage_id = p.id AND inv.role = 'person'
           ) f ON TRUE
         WHERE p.state IN ('scheduled', 'held', 'postponed', 'cancelled')
        """
