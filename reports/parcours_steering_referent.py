from odoo import api, fields, models


class ParcoursSteeringReferent(models.Model):
    """One row per professional named référent on a site, whoever they are: never who.

    A professional who is the référent of several families of a site is one row, whose caseload is the
    number of those situations (accepted or under way today). No column leads to the professional or to the
    families: the row's id is the smallest accompaniment line it was counted from.
    """

    _name = "parcours.steering.referent"
    _description = "Steering: référents named per site (counts only)"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _steering_archived = False
    _order = "site_id"

    structure_type_id = fields.Many2one("parcours.structure.type", string="Structure type", readonly=True)
    from_partner = fields.Boolean(
        string="From a partner structure",
        readonly=True,
        help="The référent works for a partner structure (any structure type other than the Département).",
    )
    caseload = fields.Integer(
        string="Situations as référent", readonly=True, aggregator="avg", help="Situations of the site they follow."
    )
    referent_count = fields.Integer(string="Référents", readonly=True, aggregator="sum")

    def _view_query(self):
        return """
        SELECT MIN(i.id) AS id,
               c.company_id,
               c.site_id,
               i.structure_type_id,
               COALESCE(st.code IS DISTINCT FROM 'department', FALSE) AS from_partner,
               COUNT(DISTINCT c.id)::int AS caseload,
               NULL::int AS case_id,
               1 AS referent_count
          FROM parcours_case c
          JOIN parcours_intervenant i ON i.id = c.referent_intervenant_id
     LEFT JOIN parcours_structure_type st ON st.id = i.structure_type_id
         WHERE c.state IN ('accepted', 'active')
      GROUP BY c.company_id, c.site_id, i.partner_id, i.structure_type_id, st.code
        """

    @api.model
    def _search(self, domain, *args, **kwargs):
        # The view reads the tables underneath: what was written before is flushed first.
        self.env.flush_all()
        return super()._search(domain, *args, **kwargs)
