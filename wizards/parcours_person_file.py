import base64
import io
import re
import zipfile

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class ParcoursPersonFile(models.TransientModel):
    """Produces the person's complete file on request (GDPR art. 15 and 20): one PDF in plain French and a ZIP
    of their documents and signed decision records. Asked by the référent from the situation, or by the data
    protection officer who names it by its reference; the production is logged."""

    _name = "parcours.person.file"
    _description = "Produce the person's file (right of access)"
    _inherit = ["parcours.wizard.mixin"]
    # Its document is rendered by action_produce only, as the system once the caller was found entitled.
    _parcours_rendered_by_system = True

    case_id = fields.Many2one("parcours.case", string="Situation", readonly=True)
    situation = fields.Char(string="Reference", help="For the data protection officer: the situation's reference.")
    pdf_file = fields.Binary(string="The file (PDF)", readonly=True, attachment=False)
    pdf_name = fields.Char(readonly=True)
    zip_file = fields.Binary(string="Documents and signed records (ZIP)", readonly=True, attachment=False)
    zip_name = fields.Char(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards.filtered("case_id"):
            wizard._target_case()
        return wizards

    def _target_case(self):
        """The situation, once the caller is found entitled: its référent, or an officer of its organisation."""
        self.ensure_one()
        if self.case_id:
            case = self.case_id
            if not self.env.su and not case.access_answering:
                raise AccessError(
                    self.env._("The person's file is produced by their référent or the data protection officer.")
                )
            return case.sudo()
        if not self.env.user.has_group("referent_parcours.group_parcours_dpo"):
            raise AccessError(
                self.env._("The person's file is produced by their référent or the data protection officer.")
            )
        case = (
            self.env["parcours.case"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("name", "=", (self.situation or "").strip()), ("company_id", "in", self.env.user.company_ids.ids)]
            )
        )
        if not case:
            raise UserError(self.env._("No situation of your organisation has this reference."))
        return case

    def action_produce(self):
        """Renders the PDF and packs the documents; both stay downloadable from this assistant."""
        self.ensure_one()
        case = self._target_case()
        self.sudo().write({"case_id": case.id})
        lang = case.partner_id.lang or self.env.lang
        report = self.env["ir.actions.report"].sudo().with_context(lang=lang)
        content, kind = report._render_qweb_pdf("referent_parcours.action_report_parcours_person_file", self.ids)
        stem = re.sub(r"[^\w-]+", "-", case.name)
        self.env["parcours.access.log"]._log(case, "right_of_access", reason=self.env._("Right of access"))
        self.write(
            {
                "pdf_file": base64.b64encode(content),
                "pdf_name": f"{stem}.{kind}",
                "zip_file": base64.b64encode(self._zip(case)),
                "zip_name": f"{stem}-documents.zip",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _zip(self, case):
        """The person's documents (theirs and those shared with them) and every signed decision record."""
        buffer = io.BytesIO()
        used = set()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for document in self.env["parcours.document"].sudo().search([("case_id", "=", case.id)]):
                archive.writestr(
                    self._unique(used, "documents", document.filename or document.name),
                    base64.b64decode(document.datas or b""),
                )
            releves = (
                self.env["parcours.releve"].sudo().search([("case_id", "=", case.id), ("attachment_id", "!=", False)])
            )
            for releve in releves:
                archive.writestr(
                    self._unique(used, "decisions", releve.attachment_id.name), releve.attachment_id.raw or b""
                )
        return buffer.getvalue()

    def _unique(self, used, folder, name):
        stem = re.sub(r"[^\w.-]+", "_", name or "document")
        path, index = f"{folder}/{stem}", 1
        while path in used:
            index += 1
            path = f"{folder}/{index}-{stem}"
        used.add(path)
        return path

    def _file_sections(self):
        """What the PDF shows, read as the system: rendered only by ``action_produce``, once the caller was
        found entitled (rendering the document directly is refused, and would not be logged)."""
        self.ensure_one()
        if not self.env.su:
            raise AccessError(self.env._("The person's file is produced with its assistant, which checks who asks."))
        case = self.case_id.sudo()
        return {
            "case": case,
            "members": case.member_ids,
            "intervenants": case.intervenant_ids.sorted("date_start"),
            "designations": case.referent_designation_ids.sorted("date_start"),
            "consents": case.consent_ids.sorted("date"),
            "refused": case.with_context(active_test=False).refused_subject_ids,
            "projets": case.projet_ids.sorted("version"),
            "interviews": case.interview_ids.sorted("date"),
            "releves": case.env["parcours.releve"].search([("case_id", "=", case.id), ("state", "=", "validated")]),
            "passages": case.passage_ids.filtered(lambda p: p.state in ("held", "postponed", "scheduled")).sorted(
                "start"
            ),
            "documents": case.env["parcours.document"].search([("case_id", "=", case.id)]),
            "consultations": case._consultations(),
        }
