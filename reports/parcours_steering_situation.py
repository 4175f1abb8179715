from odoo import fields, models

from ..models.parcours_case import CASE_STATES, CLOSE_REASONS


class ParcoursSteeringSituation(models.Model):
    _name = "parcours.steering.situation"
    _description = "Steering: situations (counts only)"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _order = "date_proposed desc"

    state = fields.Selection(CASE_STATES, readonly=True)
    date_proposed = fields.Date(string="Proposed on", readonly=True)
    date_entry = fields.Date(string="Entry date", readonly=True)
    has_referent = fields.Boolean(string="Référent named", readonly=True)
    referent_from_partner = fields.Boolean(
        string="Référent from a partner structure",
        readonly=True,
        help="The référent works for a partner structure (any structure type other than the Département).",
    )
    referent_structure_type_id = fields.Many2one(
        "parcours.structure.type", string="Référent's structure type", readonly=True
    )
    child_protection = fields.Boolean(readonly=True)
    referent_declined = fields.Boolean(
        string="No référent, by the person's choice",
        readonly=True,
        help="The person declined to designate a référent de parcours and is accompanied all the same.",
    )
    close_reason_code = fields.Selection(CLOSE_REASONS, string="Why it ended", readonly=True)
    situation_count = fields.Integer(string="Situations", readonly=True, aggregator="sum")

    def _view_query(self):
        return """
        SELECT c.id,
               c.company_id,
               c.site_id,
               c.state,
               c.date_proposed,
               c.date_entry,
               c.referent_intervenant_id IS NOT NULL AS has_referent,
               COALESCE(st.code IS DISTINCT FROM 'department', FALSE) AND i.id IS NOT NULL AS referent_from_partner,
               i.structure_type_id AS referent_structure_type_id,
               COALESCE(c.child_protection, FALSE) AS child_protection,
               c.id AS case_id,
               1 AS situation_count,
               COALESCE(c.referent_declined, FALSE) AS referent_declined,
               c.close_reason_code
          FROM parcours_case c
     LEFT JOIN parcours_intervenant i ON i.id = c.referent_intervenant_id
     LEFT JOIN parcours_structure_type st ON st.id = i.structure_type_id
        """
