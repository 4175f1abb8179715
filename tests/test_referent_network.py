from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestReferentNetwork(ParcoursCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.training_type = cls.env.ref("referent_parcours.event_type_systemic_training")
        cls.exchange_type = cls.env.ref("referent_parcours.event_type_practice_exchange")
        now = fields.Datetime.now()
        cls.past_training = cls.env["event.event"].create(
            {
                "name": "Analyse systémique (test) 1",
                "event_type_id": cls.training_type.id,
                "company_id": False,
                "date_begin": fields.Datetime.add(now, days=-30),
                "date_end": fields.Datetime.add(now, days=-29),
            }
        )
        cls.next_training = cls.env["event.event"].create(
            {
                "name": "Analyse systémique (test) 2",
                "event_type_id": cls.training_type.id,
                "company_id": False,
                "date_begin": fields.Datetime.add(now, days=15),
                "date_end": fields.Datetime.add(now, days=16),
            }
        )
        cls.exchange = cls.env["event.event"].create(
            {
                "name": "Échange de pratiques (test)",
                "event_type_id": cls.exchange_type.id,
                "company_id": False,
                "parcours_territory": "Liévin",
                "date_begin": fields.Datetime.add(now, days=5),
                "date_end": fields.Datetime.add(now, days=5, hours=2),
            }
        )
        cls.other_event = cls.env["event.event"].create(
            {
                "name": "Gala (test)",
                "company_id": False,
                "date_begin": fields.Datetime.add(now, days=5),
                "date_end": fields.Datetime.add(now, days=6),
            }
        )
        cls.env["event.registration"].create(
            [
                {"event_id": cls.past_training.id, "partner_id": cls.referent.partner_id.id, "state": "done"},
                {"event_id": cls.past_training.id, "partner_id": cls.ext.partner_id.id, "state": "done"},
                {"event_id": cls.past_training.id, "partner_id": cls.pro.partner_id.id, "state": "cancel"},
            ]
        )
        cls.referent.write({"parcours_territory": "Liévin", "parcours_available": True})
        cls.pro.write({"parcours_territory": "Liévin"})
        cls.ext.write({"parcours_territory": "Lens", "parcours_structure_id": cls.structure_b.id})
        cls.network = cls.past_training | cls.next_training | cls.exchange

    def test_events_visible_to_the_network_not_to_portal(self):
        for user in (self.pro, self.ext_other, self.manager, self.referent):
            self.assertVisible(user, self.network)
            self.assertInvisible(user, self.other_event)
        registrations = self.past_training.registration_ids
        self.assertVisible(self.ext_other, registrations)
        self.assertEqual(self.past_training.with_user(self.pro).read(["name"])[0]["name"], self.past_training.name)
        for records in (self.network, registrations, self.training_type):
            with self.assertRaises(AccessError):
                records.with_user(self.portal).read(["display_name"])
            self._refused(lambda r=records: r.with_user(self.portal).search([]))
        self._refused(lambda: self.next_training.with_user(self.pro).write({"name": "x"}))

    def test_manager_plans_training_and_attendance(self):
        event = (
            self.env["event.event"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Analyse systémique (test) 3",
                    "event_type_id": self.training_type.id,
                    "date_begin": fields.Datetime.add(fields.Datetime.now(), days=40),
                    "date_end": fields.Datetime.add(fields.Datetime.now(), days=41),
                }
            )
        )
        registration = (
            self.env["event.registration"]
            .with_user(self.manager)
            .create({"event_id": event.id, "partner_id": self.pro.partner_id.id})
        )
        registration.state = "done"
        self.assertIn(registration, self.pro.with_user(self.pro).parcours_training_ids)

    def test_next_training_found(self):
        action = self.env["ir.actions.actions"]._for_xml_id("referent_parcours.event_event_action_parcours_network")
        upcoming = (
            self.env["event.event"]
            .with_user(self.referent)
            .search(
                safe_eval(action["domain"]) + [("date_end", ">=", fields.Datetime.now())],
                order="date_begin",
            )
        )
        self.assertEqual(upcoming.filtered(lambda e: e.event_type_id == self.training_type)[:1], self.next_training)
        self.assertNotIn(self.other_event, upcoming)
        self.assertNotIn(self.past_training, upcoming)

    def test_profile(self):
        profile = self.referent.with_user(self.referent)
        self.assertEqual(profile.parcours_training_ids.event_id, self.past_training)
        self.assertEqual(profile.parcours_referent_count, 1)
        profile.write({"parcours_available": False, "parcours_availability_note": "Complet jusqu'en juin"})
        self.assertFalse(self.referent.parcours_available)
        self.assertEqual(self.pro.with_user(self.pro).parcours_training_ids, self.env["event.registration"])
        # Nobody edits another professional's profile.
        self._refused(lambda: self.referent.with_user(self.pro).write({"parcours_available": True}))
        action = self.referent.with_user(self.referent).action_parcours_network_profile()
        self.assertEqual(action["res_id"], self.referent.id)

    def test_directory_open_to_partners_without_families(self):
        Directory = self.env["parcours.referent.directory"].with_user(self.ext_other)
        entries = Directory.search([])
        by_id = {entry.id: entry for entry in entries}
        for user in (self.pro, self.referent, self.ext, self.pro_other):
            self.assertIn(user.id, by_id)
        self.assertNotIn(self.portal.id, by_id)
        self.assertNotIn(self.employee.id, by_id)
        referent = by_id[self.referent.id]
        self.assertEqual(referent.territory, "Liévin")
        self.assertTrue(referent.available)
        self.assertEqual(referent.training_count, 1)
        self.assertIn(self.past_training.name, referent.trainings)
        self.assertEqual(referent.referent_count, 1)
        self.assertEqual(by_id[self.ext.id].structure, self.structure_b.name)
        # Nothing of the families: no column names a situation, a person or a household.
        data = entries.read([name for name in Directory._fields if name not in ("id",)])
        names = {self.person.name, self.other_person.name, self.case.display_name, self.other_case.display_name}
        for row in data:
            for value in row.values():
                self.assertNotIn(value, names)
        relational = [f for f in Directory._fields.values() if f.relational]
        self.assertFalse(relational, "the directory must link to no record")
        groups = Directory.read_group([], ["referent_count:sum"], ["territory"])
        self.assertTrue(groups)
        # The directory opens no situation.
        self.assertInvisible(self.ext_other, self.case | self.other_case)
        self._refused(lambda: Directory.browse(self.referent.id).write({"name": "x"}))
        self._refused(lambda: self.env["parcours.referent.directory"].with_user(self.portal).search([]))

    def test_directory_by_territory(self):
        Directory = self.env["parcours.referent.directory"].with_user(self.referent)
        colleagues = Directory.search([("territory", "=", "Liévin"), ("id", "!=", self.referent.id)])
        self.assertIn(self.pro.id, colleagues.ids)
        self.assertNotIn(self.ext.id, colleagues.ids)
        self.assertEqual(set(colleagues.mapped("territory")), {"Liévin"})

    def test_conventions(self):
        Convention = self.env["parcours.convention"]
        convention = Convention.with_user(self.manager).create(
            {
                "name": "Convention avec la Mission locale (test)",
                "partner_id": self.structure_a.id,
                "date_signed": fields.Date.today(),
                "date_start": fields.Date.today(),
                "document": "UERGIHRlc3Q=",
                "document_name": "convention.pdf",
            }
        )
        self.assertEqual(convention.company_id, self.company_a)
        self.assertEqual(convention.state, "running")
        self.assertVisible(self.pro, convention)
        self.assertEqual(self.structure_a.with_user(self.pro).parcours_convention_count, 1)
        self.assertInvisible(self.ext_other, convention)
        self.assertInvisible(self.manager_b, convention)
        self.assertEqual(self.structure_a.with_user(self.ext_other).parcours_convention_count, 0)
        self._refused(lambda: convention.with_user(self.pro).write({"name": "x"}))
        self._refused(lambda: Convention.with_user(self.pro).create({"name": "x", "partner_id": self.structure_a.id}))
        self._refused(lambda: convention.with_user(self.manager_b).write({"name": "x"}))
        self._refused(lambda: convention.with_user(self.portal).read(["name"]))
        with mute_logger("odoo.sql_db"):
            self._refused(
                lambda: Convention.with_user(self.manager).create(
                    {
                        "name": "x",
                        "partner_id": self.structure_a.id,
                        "date_start": fields.Date.today(),
                        "date_end": fields.Date.add(fields.Date.today(), days=-1),
                    }
                ),
                exceptions=(Exception,),
            )


@tagged("post_install", "-at_install")
class TestNetworkAndQuestionnairesAttacked(ParcoursCommon):
    """Found by attacking issue 13: no contact's name through one's own profile; the addon's questionnaires stay
    as installed; the steering of the questionnaires is never one answer."""

    def test_a_profile_structure_is_a_company_never_a_person(self):
        with self.assertRaises(ValidationError):
            self.pro.with_user(self.pro).write({"parcours_structure_id": self.other_person.id})
        company = self.env["res.partner"].create({"name": "CCAS de Liévin", "is_company": True})
        self.pro.with_user(self.pro).write({"parcours_structure_id": company.id})
        self.assertEqual(self.pro.parcours_structure_id, company)

    def test_the_questionnaires_cannot_be_changed(self):
        survey_manager = new_test_user(
            self.env, login="test_survey_manager", groups="base.group_user,survey.group_survey_manager"
        )
        survey = self.env.ref("referent_parcours.survey_parcours_person")
        with self.assertRaises(AccessError):
            survey.with_user(survey_manager).write({"certification": True})
        with self.assertRaises(AccessError):
            survey.question_ids[:1].with_user(survey_manager).write({"title": "Votre nom ?"})

    def test_the_questionnaire_steering_has_no_row_of_one_answer(self):
        rows = self.env["parcours.steering.questionnaire"].sudo().search_read([], ["answer_count"])
        self.assertTrue(rows, "the demo has answers above the minimum")
        self.assertTrue(all(row["answer_count"] >= 5 for row in rows), rows)

    def test_two_periods_a_day_apart_isolate_no_respondent(self):
        lievin = self.env.ref("referent_parcours.site_lievin_demo")
        Print = self.env["parcours.steering.print"]
        today = fields.Date.today()
        figures = [
            Print.create(
                {"date_from": fields.Date.subtract(today, days=5), "date_to": end, "site_ids": lievin.ids}
            )._questionnaire_figures()[lievin]["person"]
            for end in (fields.Date.subtract(today, days=1), today)
        ]
        self.assertTrue(figures[1]["averages"], "the demo's Liévin answers are shown")
        self.assertEqual(figures[0]["averages"], figures[1]["averages"], "whole quarters only: nothing to subtract")
