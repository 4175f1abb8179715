from odoo import fields, models, tools


class ParcoursSteeringMixin(models.AbstractModel):
    _name = "parcours.steering.mixin"
    _description = "Steering figure read from a SQL view (counts, never names)"

    company_id = fields.Many2one("res.company", string="Organisation", readonly=True)
    site_id = fields.Many2one("parcours.site", string="Site", readonly=True)

    def _view_query(self):
        """The SELECT behind the view; one row per counted thing."""
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(f"CREATE OR REPLACE VIEW {self._table} AS ({self._view_query()})")
