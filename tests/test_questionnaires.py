from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ParcoursCommon

SIGNATURE = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


@tagged("post_install", "-at_install")
class TestQuestionnaires(ParcoursCommon):
    """The questionnaire after a commission: sent on validation to the person and the professionals marked
    present (the pilot too when marked present as an invitee; absent or excused invitees receive nothing),
    never read one by one, counted per site and quarter above the organisation's minimum."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.person_survey = cls.env.ref("referent_parcours.survey_parcours_person")
        cls.pro_survey = cls.env.ref("referent_parcours.survey_parcours_professional")
        commission = cls._create_session(days=-10)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": commission.id})
        cls.releve = cls.env["parcours.releve"].browse(cls.passage.action_open_releve()["res_id"])
        invitees = cls.passage.invitee_ids
        cls.present = invitees.filtered(lambda i: i.partner_id not in (cls.pro | cls.ext).partner_id)
        cls.present.write({"attendance": "present"})
        invitees.filtered(lambda i: i.partner_id == cls.pro.partner_id).attendance = "absent"
        invitees.filtered(lambda i: i.partner_id == cls.ext.partner_id).attendance = "excused"
        cls.releve._prefill()
        cls.releve.signature_ids.write({"signature": SIGNATURE})
        cls.releve.action_validate()
        cls.sent = cls.env["survey.user_input"].search([("parcours_passage_id", "=", cls.passage.id)])

    def _answer(self, survey, respondent, values, site=None, date=None):
        """An answered questionnaire (as the respondent's token would leave it), scale answers in order."""
        questions = survey.question_ids.filtered("parcours_key").sorted("sequence")
        return self.env["survey.user_input"].create(
            {
                "survey_id": survey.id,
                "state": "done",
                "parcours_respondent": respondent,
                "parcours_site_id": (site or self.site).id,
                "parcours_company_id": (site or self.site).company_id.id,
                "parcours_date": date or fields.Date.today(),
                "user_input_line_ids": [
                    Command.create({"question_id": q.id, "answer_type": "scale", "value_scale": v})
                    for q, v in zip(questions, values, strict=True)
                ],
            }
        )

    def _answer_demo_like(self):
        for values in ((5, 4, 5), (4, 4, 3), (5, 5, 4), (3, 4, 4), (4, 5, 5)):
            self._answer(self.person_survey, "person", values)
        for values in ((5, 4, 4), (3, 3, 4)):
            self._answer(self.pro_survey, "professional", values)

    def test_sent_on_validation_to_who_was_present(self):
        by_partner = {answer.partner_id: answer for answer in self.sent}
        self.assertEqual(set(by_partner), set(self.present.partner_id))
        self.assertIn(self.person, by_partner)
        self.assertIn(self.referent.partner_id, by_partner)
        self.assertNotIn(self.pro.partner_id, by_partner, "Absent: nothing sent")
        self.assertNotIn(self.ext.partner_id, by_partner, "Excused: nothing sent")
        self.assertEqual(by_partner[self.person].survey_id, self.person_survey)
        self.assertEqual(by_partner[self.person].parcours_respondent, "person")
        self.assertEqual(by_partner[self.referent.partner_id].survey_id, self.pro_survey)
        for answer in self.sent:
            self.assertEqual(answer.parcours_site_id, self.site)
            self.assertEqual(answer.parcours_date, fields.Date.add(fields.Date.today(), days=-10))
            self.assertTrue(answer.access_token)
        mail = self.env["mail.mail"].search([("body_html", "ilike", by_partner[self.person].access_token)])
        self.assertEqual(
            len(mail), 1, self.env["mail.mail"].search([], order="id desc", limit=3).read(["subject", "email_to"])
        )
        self.assertEqual(mail.email_to, self.person.email_formatted)
        self.assertIn(by_partner[self.person].access_token, mail.body_html)
        self.assertEqual(mail.subject, self.person_survey.title)
        # Sent once per passage: validating again (an amendment) sends nothing more.
        self.assertFalse(self.releve._send_questionnaires())

    def test_answers_never_read_one_by_one(self):
        self._answer_demo_like()
        survey_officer = new_test_user(
            self.env, login="survey_officer", groups="base.group_user,survey.group_survey_manager"
        )
        for user in (self.manager, self.pro, self.referent, self.pilot, self.secretary, self.admin):
            with self.assertRaises(AccessError):
                self.env["survey.user_input"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["survey.user_input"].with_user(user).browse(self.sent[:1].id).read(["partner_id"])
        for model in ("survey.user_input", "survey.user_input.line"):
            self.assertFalse(
                self.env[model].with_user(survey_officer).search([("survey_id", "=", self.person_survey.id)]),
                "Even the survey app's managers do not read the answers of a family",
            )
            self.assertTrue(self.env[model].search([("survey_id", "=", self.person_survey.id)]))

    def test_averages_per_site_above_the_minimum(self):
        self._answer_demo_like()
        other_site = self.env["parcours.site"].create({"name": "Autre site", "company_id": self.company_a.id})
        for values in ((1, 1, 1),) * 4:
            self._answer(self.person_survey, "person", values, site=other_site)
        View = self.env["parcours.steering.questionnaire"].with_user(self.manager)
        rows = View._read_group(
            [("site_id", "=", self.site.id), ("respondent", "=", "person")],
            ["question"],
            ["score:avg", "answer_count:sum"],
        )
        averages = {question: (round(score, 2), count) for question, score, count in rows}
        self.assertEqual(averages, {"listened": (4.2, 5), "understood": (4.4, 5), "said": (4.2, 5)})
        self.assertFalse(
            View.search([("site_id", "=", self.site.id), ("respondent", "=", "professional")]),
            "Two professionals' answers: under the minimum",
        )
        self.assertFalse(View.search([("site_id", "=", other_site.id)]), "Four answers: under the minimum")
        # The figures point to no person, passage or answer.
        for field in View._fields.values():
            self.assertNotIn(
                field.comodel_name, ("res.partner", "parcours.passage", "parcours.case", "survey.user_input")
            )
        self.assertFalse(self.env["parcours.steering.questionnaire"].with_user(self.manager_b).search([]))
        with self.assertRaises(AccessError):
            self.env["parcours.steering.questionnaire"].with_user(self.pro).search([])
        # A higher minimum hides the site's figures too.
        self.company_a.parcours_survey_min_answers = 6
        self.env.invalidate_all()
        self.assertFalse(View.search([("site_id", "=", self.site.id)]))

    def test_printed_summary(self):
        self._answer_demo_like()
        wizard = (
            self.env["parcours.steering.print"]
            .with_user(self.manager)
            .create(
                {
                    "date_from": fields.Date.add(fields.Date.today(), days=-30),
                    "date_to": fields.Date.today(),
                    "site_ids": [Command.set(self.site.ids)],
                }
            )
        )
        content = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("referent_parcours.action_report_parcours_steering", wizard.ids)[0]
        )
        tree = html.fromstring(content)
        block = tree.xpath(f"//div[@data-site-id='{self.site.id}']//div[@name='questionnaires']")[0]

        def row(respondent):
            return " ".join(block.xpath(f"string(.//tr[@data-respondent='{respondent}'])").split())

        person = row("person")
        self.assertIn("(5 answers)", person)
        self.assertIn("Felt listened to: 4.2 / 5", person)
        self.assertIn("Understood what was decided: 4.4 / 5", person)
        professional = row("professional")
        self.assertIn("(2 answers)", professional)
        self.assertIn("Not enough answers to show them.", professional)
        self.assertNotIn("/ 5", professional)
        text = tree.text_content()
        for name in ("Famille Durand", self.case.name, self.referent.name):
            self.assertNotIn(name, text)
