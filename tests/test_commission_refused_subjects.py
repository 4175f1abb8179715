from lxml import html

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import ParcoursCommon

SIGNATURE = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
AGENDA = "referent_parcours.action_report_parcours_agenda"
ATTENDANCE = "referent_parcours.action_report_parcours_attendance"
RELEVE = "referent_parcours.action_report_parcours_releve"


@tagged("post_install", "-at_install")
class TestCommissionRefusedSubjects(ParcoursCommon):
    """Refused subjects at the commission: the pilot and the secretariat see the domains not to raise (never what
    was written about them), and the family's refusals said during the meeting are recorded in the decision record,
    then kept like any refused subject."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.domain_budget = cls.env.ref("referent_parcours.life_domain_budget")
        cls.pro_line = cls.case.intervenant_ids.filtered(lambda i: i.user_id == cls.pro)
        cls.refusal = cls.env["parcours.refused.subject"].create(
            {
                "case_id": cls.case.id,
                "domain_id": cls.domain_health.id,
                "note": "Ne veut pas qu'on parle du CMP",
                "allowed_intervenant_ids": [Command.set(cls.pro_line.ids)],
            }
        )
        cls.env["parcours.note"].with_user(cls.pro).create(
            {
                "case_id": cls.case.id,
                "subject": "Suivi psychologique",
                "domain_id": cls.domain_health.id,
                "body": "<p>Traitement antidépresseur depuis mars</p>",
            }
        )
        cls.session = cls._create_session(days=20)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.session.id})
        cls.other_passage = cls.env["parcours.passage"].create(
            {"case_id": cls.other_case.id, "commission_id": cls.session.id}
        )

    def _tree(self, user, report, record):
        content = self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, record.ids)[0]
        return html.fromstring(content)

    def _open_releve(self, user=None):
        action = self.passage.with_user(user or self.pilot).action_open_releve()
        return self.env["parcours.releve"].browse(action["res_id"]).with_user(user or self.pilot)

    # ------------------------------------------------------------------
    # What the pilot and the secretariat see
    # ------------------------------------------------------------------

    def test_agenda_and_attendance_sheet_name_the_domains_only(self):
        for user in (self.pilot, self.secretary):
            for report, row in ((AGENDA, "//tr[@data-passage-id='%s']"), (ATTENDANCE, "//div[@data-passage-id='%s']")):
                with self.subTest(user=user.login, report=report):
                    tree = self._tree(user, report, self.session)
                    block = tree.xpath(row % self.passage.id)[0]
                    line = " ".join(block.xpath("string(.//*[@name='refused_domains'])").split())
                    self.assertEqual(line, f"Subjects not to raise: {self.domain_health.name}")
                    other = tree.xpath(row % self.other_passage.id)[0]
                    self.assertFalse(other.xpath(".//*[@name='refused_domains']"), "no refusal, no line")
                    text = tree.text_content()
                    for secret in ("CMP", "antidépresseur", "Suivi psychologique"):
                        self.assertNotIn(secret, text, "the refusal's note and restricted lines never reach them")

    def test_several_domains_and_a_lifted_refusal(self):
        refusal = self.env["parcours.refused.subject"].create(
            {"case_id": self.case.id, "domain_id": self.domain_budget.id}
        )
        self.passage.invalidate_recordset(["refused_domain_ids"])
        row = f"string(//tr[@data-passage-id='{self.passage.id}']//*[@name='refused_domains'])"
        line = " ".join(self._tree(self.pilot, AGENDA, self.session).xpath(row).split())
        self.assertIn(self.domain_health.name, line)
        self.assertIn(self.domain_budget.name, line)
        refusal.active = False
        self.passage.invalidate_recordset(["refused_domain_ids"])
        line = self._tree(self.pilot, AGENDA, self.session).xpath(row)
        self.assertNotIn(self.domain_budget.name, line, "a lifted refusal is no longer a subject not to raise")

    def test_back_office_shows_the_domains_to_the_pilot_and_the_secretariat(self):
        for user in (self.pilot, self.secretary):
            with self.subTest(user=user.login):
                passage = self.passage.with_user(user)
                self.assertEqual(passage.refused_domain_ids, self.domain_health)
                data = self.session.with_user(user).web_read(
                    {"agenda_passage_ids": {"fields": {"refused_domain_ids": {"fields": {"display_name": {}}}}}}
                )
                rows = {row["id"]: row for row in data[0]["agenda_passage_ids"]}
                self.assertEqual(
                    [d["display_name"] for d in rows[self.passage.id]["refused_domain_ids"]], [self.domain_health.name]
                )
                self.assertFalse(rows[self.other_passage.id]["refused_domain_ids"])
                # The refusal itself, its note and the restricted lines stay out of their reach.
                self.assertInvisible(user, self.refusal)
                self.assertFalse(self.env["parcours.note"].with_user(user).search([("case_id", "=", self.case.id)]))
        for view in ("parcours_passage_view_form", "parcours_commission_view_form"):
            arch = self.env.ref(f"referent_parcours.{view}").arch
            self.assertIn('name="refused_domain_ids"', arch)

    # ------------------------------------------------------------------
    # Recorded during the meeting
    # ------------------------------------------------------------------

    def test_subjects_asked_in_the_meeting_become_refusals_on_validation(self):
        releve = self._open_releve()
        self.assertEqual(releve.refused_before_domain_ids, self.domain_health, "the pilot sees those already refused")
        with Form(releve) as form:
            form.refused_domain_ids.add(self.domain_budget)
        releve.objective_ids = [
            Command.create({"domain_id": self.domain_budget.id, "name": "Rembourser la dette de loyer"}),
            Command.create({"domain_id": self.domain_housing.id, "name": "Demande de logement social"}),
        ]
        self.assertFalse(self.case.refused_subject_ids.filtered(lambda s: s.domain_id == self.domain_budget))
        for line in releve.signature_ids:
            line.signature = SIGNATURE
        releve.action_validate()
        subject = self.case.refused_subject_ids.filtered(lambda s: s.domain_id == self.domain_budget)
        self.assertTrue(subject, "a refused subject of the situation")
        self.assertEqual(subject.recorded_by_id, self.pilot)
        self.assertFalse(subject.allowed_intervenant_ids, "nobody is allowed on it")
        self.assertIn(self.domain_budget, self.passage.refused_domain_ids)
        # Hidden like any refused subject: the goal set on it stays with its author.
        goal = releve.sudo().objective_ids.filtered(lambda o: o.domain_id == self.domain_budget)
        self.assertTrue(goal.restricted)
        self.assertInvisible(self.ext, goal)
        self.assertInvisible(self.referent, goal)
        # The record shows the domain, in its own section.
        for user in (self.pilot, self.referent):
            tree = self._tree(user, RELEVE, releve)
            section = " ".join(tree.xpath("string(//div[@name='refused_subjects'])").split())
            self.assertIn("Subjects the family asked not to discuss", section)
            self.assertIn(self.domain_budget.name, section)
            self.assertNotIn("CMP", tree.text_content())
        filed = releve.attachment_id.sudo().raw.decode()
        self.assertIn(self.domain_budget.name, filed)
        self.assertNotIn("dette de loyer", filed, "the filed copy leaves the new refused subject's goal out")
        self.assertIn("logement social", filed)
        message = self.case.message_ids.filtered(lambda m: "asked not to discuss" in (m.body or ""))
        self.assertTrue(message, "noted in the situation's chatter")
        # Locked with the record.
        with self.assertRaisesRegex(Exception, "amendment"):
            releve.write({"refused_domain_ids": [Command.clear()]})

    def test_an_archived_refusal_is_refused_again_with_nobody_allowed(self):
        self.refusal.active = False
        releve = self._open_releve(self.secretary)
        releve.refused_domain_ids = self.domain_health
        for line in releve.signature_ids:
            line.signature = SIGNATURE
        releve.action_validate()
        self.assertTrue(self.refusal.active)
        self.assertFalse(self.refusal.allowed_intervenant_ids, "refused again: nobody is allowed until she says so")
        self.assertEqual(
            len(
                self.env["parcours.refused.subject"]
                .with_context(active_test=False)
                .search([("case_id", "=", self.case.id)])
            ),
            1,
        )

    def test_a_refusal_already_in_force_is_left_as_it_is(self):
        releve = self._open_releve(self.referent)
        releve.refused_domain_ids = self.domain_health
        for line in releve.signature_ids:
            line.signature = SIGNATURE
        releve.action_validate()
        self.assertEqual(self.refusal.allowed_intervenant_ids, self.pro_line, "the person's choice stays as it was")
        self.assertEqual(self.refusal.note, "Ne veut pas qu'on parle du CMP")

    def test_who_may_record_them(self):
        releve = self._open_releve()
        inactive = self.env["parcours.life.domain"].create({"name": "Ancien domaine", "code": "old", "active": False})
        with self.assertRaisesRegex(ValidationError, "life domains in use"):
            releve.write({"refused_domain_ids": [Command.link(inactive.id)]})
        for user in (self.pro_other, self.ext_other, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                releve.with_user(user).write({"refused_domain_ids": [Command.link(self.domain_budget.id)]})
        # Validating does not let someone who may not validate create refusals by the system's hand.
        releve.refused_domain_ids = self.domain_budget
        for line in releve.signature_ids:
            line.signature = SIGNATURE
        with self.assertRaises(AccessError):
            releve.with_user(self.pro_other).action_validate()
        self.assertFalse(self.case.refused_subject_ids.filtered(lambda s: s.domain_id == self.domain_budget))
        self.assertEqual(releve.state, "draft")
