from odoo import fields, models


class EventEvent(models.Model):
    _inherit = "event.event"

    parcours_network = fields.Boolean(
        string="Référents' network",
        related="event_type_id.parcours_network",
        store=True,
        index=True,
    )
    parcours_territory = fields.Char(
        string="Territory",
        help="The territory whose référents meet (for an exchange of practice between référents).",
    )
