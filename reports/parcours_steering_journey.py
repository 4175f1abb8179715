from odoo import api, fields, models
from odoo.tools import SQL


class ParcoursSteeringJourney(models.Model):
    """One row per passage held, with its rank in the family's journey and what became of the goals reviewed.

    From the second passage of a family on, the decision record reviews the goals set before: the row
    counts them by outcome (achieved, in progress, given up...). Counts only: no column names the family.
    """

    _name = "parcours.steering.journey"
    _description = "Steering: families through several commissions (counts only)"
    _inherit = ["parcours.steering.mixin"]
    _auto = False
    _order = "commission_date desc"

    commission_date = fields.Date(string="Session date", readonly=True)
    passage_rank = fields.Integer(
        string="Passage of the family", readonly=True, aggregator="max", help="1 for the family's first passage."
    )
    repeat_passage = fields.Boolean(string="Family seen before", readonly=True)
    reviewed = fields.Integer(string="Goals reviewed", readonly=True, aggregator="sum")
    achieved = fields.Integer(string="Goals achieved", readonly=True, aggregator="sum")
    in_progress = fields.Integer(string="Goals in progress", readonly=True, aggregator="sum")
    given_up = fields.Integer(string="Goals given up", readonly=True, aggregator="sum")
    other_outcome = fields.Integer(
        string="Goals otherwise",
        readonly=True,
        aggregator="sum",
        help="To start, not achieved yet, no longer relevant.",
    )
    passage_count = fields.Integer(string="Passages", readonly=True, aggregator="sum")

    def _view_query(self):
        return """
        SELECT p.id,
               c.company_id,
               c.site_id,
               (c.start AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris')::date AS commission_date,
               (ROW_NUMBER() OVER (PARTITION BY p.case_id ORDER BY c.start, p.id))::int AS passage_rank,
               ROW_NUMBER() OVER (PARTITION BY p.case_id ORDER BY c.start, p.id) > 1 AS repeat_passage,
               COALESCE(r.reviewed, 0) AS reviewed,
               COALESCE(r.achieved, 0) AS achieved,
               COALESCE(r.in_progress, 0) AS in_progress,
               COALESCE(r.given_up, 0) AS given_up,
               COALESCE(r.reviewed - r.achieved - r.in_progress - r.given_up, 0) AS other_outcome,
               p.case_id,
               1 AS passage_count
          FROM parcours_passage p
          JOIN parcours_commission c ON c.id = p.commission_id
     LEFT JOIN LATERAL (
               SELECT COUNT(*)::int AS reviewed,
                      COUNT(*) FILTER (WHERE rv.outcome = 'achieved')::int AS achieved,
                      COUNT(*) FILTER (WHERE rv.outcome = 'in_progress')::int AS in_progress,
                      COUNT(*) FILTER (WHERE rv.outcome = 'abandoned')::int AS given_up
                 FROM parcours_releve rl
                 JOIN parcours_releve_review rv ON rv.releve_id = rl.id
                WHERE rl.passage_id = p.id AND rl.state = 'validated'
           ) r ON TRUE
         WHERE p.state = 'held'
        """

    def _families_seen_again(self, domain):
        """Per site, the families with a passage held under ``domain`` that is not their first one.

        The rows are those the ORM lets the reader search (their organisations only); the families are counted
        once each, from the situation the rows come from, which no field exposes.
        """
        query = self._search([*domain, ("repeat_passage", "=", True)])
        self.env.cr.execute(
            SQL(
                "SELECT site_id, COUNT(DISTINCT case_id) FROM %s WHERE id IN %s GROUP BY site_id",
                SQL.identifier(self._table),
                query.subselect(),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _search(self, domain, *args, **kwargs):
        # The view reads the tables underneath: what was written before is flushed first.
        self.env.flush_all()
        return super()._search(domain, *args, **kwargs)
