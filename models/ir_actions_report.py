import io

import lxml.html

from odoo import models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

# Documents printed from a situation that say nothing of it (the leaflet for the person): not a consultation.
UNLOGGED_REPORTS = ("referent_parcours.report_parcours_leaflet",)
PAGE_BREAK = '<div style="page-break-before: always;"></div>'


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
        if (
            res_ids
            and report.report_name not in UNLOGGED_REPORTS
            and report.model in self.env["parcours.logged.mixin"]._parcours_logged_models()
        ):
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
            docs = Docs.browse(docids)
            docs.check_access("read")
            if hasattr(docs, "_check_parcours_report"):
                # Some documents of a record are for fewer readers than the record itself.
                docs._check_parcours_report(report)

    def _parcours_render_per_record(self, report_ref, records, reference):
        """One PDF per record from one run of wkhtmltopdf, whatever its build.

        Odoo renders several records in one run only when wkhtmltopdf is built with patched Qt (several page
        objects, outlines to cut at). Here the records' articles go into one page object, one after the other
        with a page break, and the run's PDF is cut at each record's first page, found by the text
        ``reference(record)`` the record prints. Returns {record id: (content, "pdf")}; in tests without
        rendering, like Odoo's own fallback, {record id: (html, "html")}, each record's part of one rendering.
        """
        if (tools.config["test_enable"] or tools.config["test_file"]) and not self.env.context.get(
            "force_report_rendering"
        ):
            html = self._render_qweb_html(report_ref, records.ids)[0]
            return self._parcours_split_html(html, records)
        report = self._get_report(report_ref)
        html = self._render_qweb_html(report_ref, records.ids)[0]
        bodies, _ids, header, footer, specific = report._prepare_html(html, report_model=report.model)
        content = report._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=self.env.context.get("landscape"),
            specific_paperformat_args=specific,
        )
        return self._parcours_split_pdf(content, records, reference)

    def _parcours_split_html(self, content, records):
        """Each record's part of one HTML rendering (its elements marked with data-oe-model and data-oe-id)."""
        tree = lxml.html.fromstring(content)
        head = lxml.html.tostring(tree.head, encoding="unicode") if tree.find("head") is not None else ""
        parts = {}
        for record in records:
            elements = tree.xpath("//*[@data-oe-model=$model][@data-oe-id=$id]", model=record._name, id=str(record.id))
            body = "".join(lxml.html.tostring(element, encoding="unicode") for element in elements)
            parts[record.id] = (f"<!DOCTYPE html><html>{head}<body>{body}</body></html>", "html")
        return parts

    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        """The addon's documents of several records go to wkhtmltopdf as one page object.

        Several page objects need wkhtmltopdf built with patched Qt (Debian's build returns an empty file), so
        printing several decision records or letters at once would fail; one page object, the records one after
        the other with a page break, prints everywhere in one run.
        """
        if len(bodies) > 1 and report_ref and self._get_report(report_ref).report_name.startswith("referent_parcours."):
            bodies = [self._parcours_merge_bodies(bodies)]
        return super()._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )

    def _parcours_merge_bodies(self, bodies):
        """The first body's document, with every body's content one after the other."""
        first = lxml.html.fromstring(bodies[0])
        target = first.find("body")
        for body in bodies[1:]:
            target.append(lxml.html.fromstring(PAGE_BREAK))
            for child in lxml.html.fromstring(body).find("body"):
                target.append(child)
        return lxml.html.tostring(first, encoding="unicode", doctype="<!DOCTYPE html>")

    def _parcours_split_pdf(self, content, records, reference):
        """Cuts a run at each record's first page: one page each, or where the record's reference is found, in
        the links of the page (quick) or else in its text (slow)."""
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        if len(reader.pages) == len(records):
            starts = {record.id: number for number, record in enumerate(records)}
        else:
            starts = self._parcours_find_references(reader, records, reference, self._parcours_page_links)
            if len(starts) != len(records):
                starts = self._parcours_find_references(
                    reader, records, reference, lambda page: page.extract_text() or ""
                )
        if len(starts) != len(records):
            raise UserError(self.env._("The documents could not be told apart in the printed file: print them again."))
        ordered = sorted(starts.items(), key=lambda item: item[1])
        documents = {}
        for index, (record_id, first) in enumerate(ordered):
            last = ordered[index + 1][1] if index + 1 < len(ordered) else len(reader.pages)
            writer = PdfFileWriter()
            for number in range(first, last):
                writer.add_page(reader.pages[number])
            buffer = io.BytesIO()
            writer.write(buffer)
            documents[record_id] = (buffer.getvalue(), "pdf")
        return documents

    def _parcours_find_references(self, reader, records, reference, page_text):
        starts = {}
        for number, page in enumerate(reader.pages):
            text = page_text(page)
            for record in records:
                if record.id not in starts and reference(record) in text:
                    starts[record.id] = number
        return starts

    def _parcours_page_links(self, page):
        """The addresses the page links to, as one text."""
        links = []
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            links.append(str(action.get("/URI") or ""))
        return " ".join(links)
