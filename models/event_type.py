from odoo import fields, models


class EventType(models.Model):
    _inherit = "event.type"

    parcours_network = fields.Boolean(
        string="Référents' network",
        help="Trainings and meetings of this type are shown to the professionals of the référent de parcours "
        "approach, whatever their organisation; never to the people accompanied.",
    )
