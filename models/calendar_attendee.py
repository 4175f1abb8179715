from odoo import models


class CalendarAttendee(models.Model):
    """The attendees of a passage (the family, the professionals who follow it) or of a reception appointment
    are read by who may read the passage or the interview, and each by themselves; the event alone shows
    colleagues a busy slot."""

    _name = "calendar.attendee"
    _inherit = ["calendar.attendee", "parcours.attached.mixin"]
    _parcours_res_model_field = "event_id.res_model"
    _parcours_res_id_field = "event_id.res_id"
    _parcours_guarded_models = ("parcours.passage", "parcours.commission", "parcours.interview")

    def _parcours_own_domain(self):
        return [("partner_id", "=", self.env.user.partner_id.id)]

    def _subscribe_partner(self):
        """Nobody follows the event of a commission: its chatter is not where the commission talks, and the
        family would otherwise receive its notes."""
        others = self.filtered(lambda a: a.event_id.res_model not in self._parcours_guarded_models)
        return super(CalendarAttendee, others)._subscribe_partner()
