from odoo import models
from odoo.exceptions import AccessError


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_html(self, report_ref, docids, data=None):
        """A document of the addon is rendered only on records the user may read, checked first: the template
        would otherwise read what computed fields fetched as the system."""
        self._check_parcours_docs(report_ref, docids)
        return super()._render_qweb_html(report_ref, docids, data=data)

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """A document printed from a situation (its plan, a decision record...) is a consultation: logged."""
        self._check_parcours_docs(report_ref, res_ids)
        result = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        if res_ids and report.model in self.env["parcours.logged.mixin"]._parcours_logged_models():
            self.env["parcours.access.log"]._log(self.env[report.model].browse(res_ids), "print")
        return result

    def _check_parcours_docs(self, report_ref, docids):
        if self.env.su or not docids:
            return
        report = self._get_report(report_ref)
        if report.model and report.model.startswith("parcours."):
            Docs = self.env[report.model]
            if getattr(Docs, "_parcours_rendered_by_system", False):
                raise AccessError(self.env._("This document is produced by its assistant, which checks who asks."))
            Docs.browse(docids).check_access("read")
