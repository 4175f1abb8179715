from odoo import api, fields, models
from odoo.osv import expression


class ParcoursSteeringPartnership(models.Model):
    """The comité de pilotage's view across the organisations sharing the instance: one row per organisation
    that shares its counts (company setting ``parcours_steering_shared``), read only by managers of an
    organisation that shares its own. Counts only: no person, no situation."""

    _name = "parcours.steering.partnership"
    _description = "Steering: partnership view of the organisations sharing their counts"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _steering_archived = False
    _order = "organisation"

    organisation = fields.Char(string="Name of the organisation", readonly=True)
    situation_count = fields.Integer(
        string="Situations under way", readonly=True, aggregator="sum", help="Accepted by the person or active."
    )
    referent_count = fields.Integer(
        string="Référents named", readonly=True, aggregator="sum", help="Each professional counted once."
    )
    session_count = fields.Integer(string="Commissions held", readonly=True, aggregator="sum")
    family_present_count = fields.Integer(
        string="Families present in commission",
        readonly=True,
        aggregator="sum",
        help="Families present at one commission at least, each counted once.",
    )

    def _view_query(self):
        return """
        SELECT co.id,
               co.id AS company_id,
               NULL::int AS site_id,
               co.name AS organisation,
               NULL::int AS case_id,
               (SELECT COUNT(*) FROM parcours_case c
                 WHERE c.company_id = co.id AND c.state IN ('accepted', 'active'))::int AS situation_count,
               (SELECT COUNT(DISTINCT i.partner_id) FROM parcours_case c
                  JOIN parcours_intervenant i ON i.id = c.referent_intervenant_id
                 WHERE c.company_id = co.id AND c.state IN ('accepted', 'active'))::int AS referent_count,
               (SELECT COUNT(*) FROM parcours_commission cm
                 WHERE cm.company_id = co.id AND cm.state IN ('held', 'closed'))::int AS session_count,
               (SELECT COUNT(DISTINCT p.case_id) FROM parcours_passage p
                  JOIN parcours_commission cm ON cm.id = p.commission_id
                  JOIN parcours_passage_invitee inv ON inv.passage_id = p.id
                 WHERE cm.company_id = co.id AND p.state = 'held'
                   AND inv.role = 'person' AND inv.attendance = 'present')::int AS family_present_count
          FROM res_company co
         WHERE co.parcours_steering_shared IS TRUE
        """

    @api.model
    def _search(self, domain, *args, **kwargs):
        self.env.flush_all()
        # Reciprocity: only a manager whose own organisation shares its counts reads the others'.
        if not self.env.su and not any(self.env.user.company_ids.mapped("parcours_steering_shared")):
            domain = expression.AND([domain, expression.FALSE_DOMAIN])
        return super()._search(domain, *args, **kwargs)
