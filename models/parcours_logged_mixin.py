from odoo import api, models


class ParcoursLoggedMixin(models.AbstractModel):
    """A record whose consultation is logged: its form opened, its export.

    Printing (``ir.actions.report``) and downloading (``ir.binary``) log through the same entry point,
    ``parcours.access.log._log``. Lists are not logged: they show the caseload the user follows, and logging
    every display would bury the consultations that matter.
    """

    _name = "parcours.logged.mixin"
    _description = "Consultation logged"

    _parcours_log_channel = "form"

    def _parcours_log_case(self):
        """The situation the record belongs to."""
        self.ensure_one()
        return self.case_id

    def web_read(self, specification):
        # Not read-only (unlike Odoo's web_read): the form's request writes its log line.
        result = super().web_read(specification)
        if len(self) == 1:
            self.env["parcours.access.log"]._log(self, self._parcours_log_channel)
        return result

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        self.env["parcours.access.log"]._log(self, "export")
        return result

    @api.model
    def _parcours_logged_models(self):
        """The models whose consultation is logged."""
        return [name for name in self.pool[self._name]._inherit_children if not self.env[name]._abstract]
