import io
from unittest.mock import patch

from lxml import html

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .common import ParcoursCommon


def pdf_text(content):
    reader = PdfFileReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@tagged("post_install", "-at_install")
class TestCommissionReportsHttp(HttpCase, ParcoursCommon):
    """Real PDFs, rendered by wkhtmltopdf against the running server, and the report route per reader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.commission = cls._create_session(days=20)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.commission.id})
        cls.third_case = cls._create_case(
            cls.env["res.partner"].create({"name": "Monsieur Carpentier"}), [cls.referent]
        )
        cls.third_passage = cls.env["parcours.passage"].create(
            {"case_id": cls.third_case.id, "commission_id": cls.commission.id}
        )

    def _pdf(self, report, ids, user):
        Report = self.env["ir.actions.report"].with_user(user).with_context(force_report_rendering=True)
        content, kind = Report._render_qweb_pdf(report, ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF-"))
        return content

    def test_agenda_and_attendance_sheet_pdfs(self):
        agenda = pdf_text(self._pdf("referent_parcours.action_report_parcours_agenda", self.commission.ids, self.pilot))
        self.assertIn("Famille Durand", agenda)
        self.assertIn("Carpentier", agenda)
        sheet = pdf_text(
            self._pdf("referent_parcours.action_report_parcours_attendance", self.commission.ids, self.secretary)
        )
        self.assertIn("Signature", sheet)
        for name in self.passage.invitee_ids.mapped("name"):
            self.assertIn(name, sheet)

    def test_letters_are_real_pdfs_one_per_invitee(self):
        self.commission.with_user(self.secretary).with_context(force_report_rendering=True)._send_invitations()
        invitees = self.passage.invitee_ids
        self.assertEqual(set(invitees.letter_id.mapped("mimetype")), {"application/pdf"})
        for invitee in invitees:
            text = pdf_text(invitee.letter_id.raw)
            self.assertIn(invitee.name, text)
            others = self.third_passage.invitee_ids - invitees.filtered(
                lambda i, partner=invitee.partner_id: i.partner_id == partner
            )
            self.assertNotIn("Carpentier", text, "Each letter is about its own passage only")
            self.assertTrue(others)
        family = invitees.filtered(lambda i: i.role == "person")
        self.assertIn("your situation", pdf_text(family.letter_id.raw))

    def test_letters_of_several_pages_are_cut_at_their_reference(self):
        """One run of wkhtmltopdf for every letter; a letter longer than a page is cut where the next begins."""
        self.passage.purpose = "\n".join(["Faire le point ensemble sur le logement, le budget et l'école."] * 60)
        invitees = (self.passage | self.third_passage).invitee_ids
        runs = []
        Report = type(self.env["ir.actions.report"])
        original = Report._run_wkhtmltopdf

        def counted(report, bodies, *args, **kwargs):
            runs.append(len(bodies))
            return original(report, bodies, *args, **kwargs)

        with patch.object(Report, "_run_wkhtmltopdf", counted):
            letters = invitees.with_context(force_report_rendering=True)._render_letters()
        self.assertEqual(len(runs), 1, "one run of wkhtmltopdf for all the letters")
        for invitee in invitees:
            with self.subTest(invitee=invitee.name):
                reader = PdfFileReader(io.BytesIO(letters[invitee.id][0]))
                self.assertIn(
                    invitee._letter_reference(), self.env["ir.actions.report"]._parcours_page_links(reader.pages[0])
                )
                expected = 2 if invitee.passage_id == self.passage else 1
                self.assertGreaterEqual(len(reader.pages), expected)
                self.assertIn(invitee.name, pdf_text(letters[invitee.id][0]))

    def test_a_sessions_decision_records_print_in_one_run(self):
        releves = self.env["parcours.releve"].browse(
            [p.action_open_releve()["res_id"] for p in self.passage | self.third_passage]
        )
        action = self.commission.with_user(self.secretary).action_print_releves()
        self.assertEqual(action["context"]["active_ids"], releves.ids)
        text = pdf_text(self._pdf("referent_parcours.action_report_parcours_releve", releves.ids, self.secretary))
        self.assertIn("Famille Durand", text)
        self.assertIn("Carpentier", text)

    def test_report_route_shows_each_reader_their_part(self):
        # In test mode the report route answers the HTML it would hand to wkhtmltopdf.
        url = f"/report/pdf/referent_parcours.report_parcours_agenda/{self.commission.id}"
        self.authenticate("test_ext", "test_ext")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        tree = html.fromstring(response.content)
        self.assertEqual([int(x) for x in tree.xpath("//*[@data-passage-id]/@data-passage-id")], self.passage.ids)
        self.assertIn("Famille Durand", tree.text_content())
        self.assertNotIn(
            "Carpentier", tree.text_content(), "A partner invited to one passage does not learn of the others"
        )

        self.authenticate("test_pilot", "test_pilot")
        tree = html.fromstring(self.url_open(url).content)
        self.assertEqual(len(tree.xpath("//*[@data-passage-id]")), 2)

        self.authenticate("test_ext_other", "test_ext_other")
        with mute_logger("odoo.http"):
            response = self.url_open(url)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(response.content.startswith(b"%PDF-"))

    def test_plan_releve_and_diagnostic_pdfs(self):
        self.passage.invitee_ids.write({"attendance": "present"})
        releve = self.env["parcours.releve"].browse(self.passage.action_open_releve()["res_id"])
        housing = self.env.ref("referent_parcours.life_domain_housing")
        releve.objective_ids = [
            Command.create({"domain_id": housing.id, "name": f"Objectif logement {n}", "means": "Dossier"})
            for n in range(3)
        ]
        releve.projet_id.write(
            {
                "aspiration_short": "Avoir un logement avec une chambre pour chaque enfant",
                "diagnostic_ids": [
                    Command.create({"domain_id": housing.id, "description": "Logement trop petit", "priority": 1})
                ],
            }
        )
        releve.signature_ids.write({"signature": "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"})
        releve.with_context(force_report_rendering=True).action_validate()
        self.assertEqual(releve.attachment_id.mimetype, "application/pdf")
        text = pdf_text(releve.attachment_id.raw)
        self.assertIn("Objectif logement 2", text)
        self.assertIn("Famille Durand", text)
        self.assertIn("any other purpose", text)
        plan = pdf_text(
            self._pdf("referent_parcours.action_report_parcours_projet", releve.projet_id.ids, self.referent)
        )
        self.assertIn("Avoir un logement", plan)
        diagnostic = pdf_text(
            self._pdf("referent_parcours.action_report_parcours_diagnostic", releve.projet_id.ids, self.referent)
        )
        self.assertIn("Logement trop petit", diagnostic)
