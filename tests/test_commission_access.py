from freezegun import freeze_time
from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestCommissionAccess(ParcoursCommon):
    """Need to know around commissions: pilot, secretariat, invitees, other professionals, every channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.secretary_other = new_test_user(
            cls.env,
            login="test_secretary_other",
            groups="base.group_user,referent_parcours.group_parcours_secretary",
            context={"no_reset_password": True},
        )
        cls.session = cls._create_session(days=20)
        cls.third_person = cls.env["res.partner"].create(
            {"name": "Monsieur Carpentier", "email": "carpentier@example.com"}
        )
        cls.third_case = cls._create_case(cls.third_person, [cls.referent])
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.session.id})
        cls.passage.invitee_ids = [Command.create({"partner_id": cls.pro_other.partner_id.id, "role": "expert"})]
        cls.third_passage = cls.env["parcours.passage"].create(
            {"case_id": cls.third_case.id, "commission_id": cls.session.id}
        )
        cls.env["parcours.note"].create(
            {"case_id": cls.case.id, "subject": "Suivi budgétaire", "body": "<p>Dettes</p>"}
        )

    def _agenda_rows(self, user, report="referent_parcours.action_report_parcours_agenda"):
        content = self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, self.session.ids)[0]
        tree = html.fromstring(content)
        return tree, {int(x) for x in tree.xpath("//*[@data-passage-id]/@data-passage-id")}

    def test_staff_see_agenda_situations_only_while_needed(self):
        for user in (self.pilot, self.secretary):
            with self.subTest(user=user.login):
                self.assertVisible(user, self.case | self.third_case)
                self.assertVisible(user, self.case.member_ids)
                self.assertVisible(user, self.passage | self.third_passage)
                self.assertInvisible(user, self.person, "The contact and its notes stay with who follows them")
                self.assertVisible(user, self.case.intervenant_ids, "Who accompanies them, to write who does what")
                with self.assertRaises(AccessError):
                    self.case.intervenant_ids[:1].with_user(user).write({"accompaniment": "Modifié"})
                self.assertInvisible(user, self.case.consent_ids)
                self.assertInvisible(user, self.case.note_ids, "Never the follow-up notes")
                self.assertInvisible(user, self.other_case, "Not a situation that is on no agenda of theirs")
                with self.assertRaises(AccessError):
                    self.case.with_user(user).write({"person_expectations": "Modifié"})
        self.assertInvisible(self.secretary_other, self.case, "A secretary of another site sees nothing")
        self.assertInvisible(self.secretary_other, self.passage)

        self.session.action_hold()
        self.session.action_close()
        self.assertVisible(self.pilot, self.case, "Still visible during the delay after closing")
        with freeze_time(fields.Date.add(fields.Date.today(), days=31)):
            self.env.invalidate_all()
            for user in (self.pilot, self.secretary):
                self.assertInvisible(user, self.case)
                self.assertInvisible(user, self.passage)
            self.assertVisible(self.pro, self.case, "The intervenants keep it")

    def test_cancelled_session_closes_access(self):
        self.session._cancel("Grève des transports")
        self.assertInvisible(self.pilot, self.case)
        self.assertInvisible(self.pilot, self.passage)
        self.assertInvisible(self.secretary, self.third_case)

    def test_invitee_who_does_not_follow_sees_only_their_passage(self):
        expert = self.pro_other
        self.assertVisible(expert, self.passage)
        self.assertVisible(expert, self.session)
        self.assertInvisible(expert, self.case, "Invited to shed light is not following the situation")
        self.assertInvisible(expert, self.third_passage)
        self.assertInvisible(expert, self.case.member_ids)
        self.assertEqual(
            self.passage.with_user(expert).invitee_ids.mapped("name"),
            self.passage.invitee_ids.mapped("name"),
            "They know who else is invited, as their letter says",
        )
        with self.assertRaises(AccessError):
            self.passage.with_user(expert).write({"purpose": "Autre"})
        agenda = self.session.with_user(expert).agenda_passage_ids
        self.assertEqual(agenda, self.passage.with_user(expert), "The session's agenda shows them one passage")
        data = self.session.with_user(expert).web_read({"agenda_passage_ids": {"fields": {"case_label": {}}}})
        self.assertEqual([p["id"] for p in data[0]["agenda_passage_ids"]], self.passage.ids)

    def test_agenda_per_reader(self):
        tree, rows = self._agenda_rows(self.pilot)
        self.assertEqual(rows, {self.passage.id, self.third_passage.id})
        self.assertIn(self.third_passage.case_label, tree.text_content())

        tree, rows = self._agenda_rows(self.ext)
        self.assertEqual(rows, {self.passage.id}, "A partner invited to one passage sees only it")
        self.assertNotIn("Carpentier", tree.text_content())

        tree, rows = self._agenda_rows(self.pro_other)
        self.assertEqual(rows, {self.passage.id})

        tree, rows = self._agenda_rows(self.referent)
        self.assertEqual(rows, {self.passage.id, self.third_passage.id}, "The référent of both situations sees both")

        with self.assertRaises(AccessError):
            self.session.with_user(self.ext_other).check_access("read")
        with self.assertRaisesRegex(Exception, "doesn't have 'read' access"):
            self._agenda_rows(self.ext_other)

    def test_attendance_sheet_has_a_signature_line_per_invitee(self):
        self.passage.invitee_ids.filtered(lambda i: i.role == "person").attendance = "present"
        content = (
            self.env["ir.actions.report"]
            .with_user(self.secretary)
            ._render_qweb_html("referent_parcours.action_report_parcours_attendance", self.session.ids)[0]
        )
        tree = html.fromstring(content)
        blocks = tree.xpath("//div[@data-passage-id]")
        self.assertEqual([int(b.get("data-passage-id")) for b in blocks], [self.passage.id, self.third_passage.id])
        rows = blocks[0].xpath(".//tbody/tr")
        self.assertEqual(len(rows), len(self.passage.invitee_ids))
        self.assertEqual(
            [" ".join(r.xpath("string(td[1])").split()) for r in rows], self.passage.invitee_ids.mapped("name")
        )
        self.assertTrue(all(not r.xpath("string(td[5])").strip() for r in rows), "The signature cell is left blank")
        self.assertIn("Present", blocks[0].text_content())
        self.assertNotIn("Dettes", tree.text_content())

        ext_view = (
            self.env["ir.actions.report"]
            .with_user(self.ext)
            ._render_qweb_html("referent_parcours.action_report_parcours_attendance", self.session.ids)[0]
        )
        self.assertEqual(
            {int(x) for x in html.fromstring(ext_view).xpath("//div[@data-passage-id]/@data-passage-id")},
            {self.passage.id},
        )

    def test_calendar_events_are_private_to_their_attendees(self):
        event = self.passage.event_id
        # Each user reads in their own request: empty the shared cache between readers.
        event.invalidate_recordset()
        outsider = event.with_user(self.employee)
        self.assertEqual(outsider.name, "Busy", "Someone not invited sees a busy slot")
        self.assertFalse(outsider.partner_ids)
        self.assertFalse(outsider.location)
        self.assertFalse(outsider.description)
        event.invalidate_recordset()
        self.assertEqual(event.with_user(self.ext).name, self.passage.name)
        self.assertNotIn(self.person.name, event.with_user(self.ext).name)
        event.invalidate_recordset()

        portal_events = self.env["calendar.event"].with_user(self.portal).search([])
        self.assertEqual(portal_events, event.with_user(self.portal), "The family sees its own passage, nothing else")
        with self.assertRaises(AccessError):
            self.passage.with_user(self.portal).read(["case_label"])

    def test_letters_follow_the_situation(self):
        self.session._send_invitations()
        letters = self.passage.invitee_ids.letter_id
        self.assertTrue(letters)
        self.assertEqual(
            self.env["ir.attachment"].with_user(self.secretary).search([("id", "in", letters.ids)]), letters
        )
        self.assertEqual(self.env["ir.attachment"].with_user(self.pro).search([("id", "in", letters.ids)]), letters)
        for user in (self.employee, self.pro_other, self.ext_other, self.secretary_other):
            with self.subTest(user=user.login):
                self.assertFalse(self.env["ir.attachment"].with_user(user).search([("id", "in", letters.ids)]))
                with self.assertRaises(AccessError):
                    letters[0].with_user(user).read(["datas"])
        mails = self.passage.invitee_ids.mail_id
        with self.assertRaises(AccessError):
            mails.with_user(self.pro_other).read(["body_html"])

    def test_requests_reach_only_the_site_secretariat(self):
        request = self.env["parcours.passage"].create({"case_id": self.other_case.id})
        self.assertVisible(self.secretary, request)
        self.assertInvisible(self.secretary, self.other_case)
        self.assertInvisible(self.secretary_other, request)
        self.assertInvisible(self.pro, request, "A professional who does not follow the situation sees no request")
        self.assertVisible(self.pro_other, request)

    def test_managers_and_other_organisations(self):
        self.assertInvisible(self.manager, self.passage | self.third_passage, "managers read counts, not passages")
        self._open_exceptionally(self.manager, self.case)
        self.assertVisible(self.manager, self.passage)
        self.assertInvisible(self.manager, self.third_passage, "an exceptional access opens one situation")
        self.assertInvisible(self.manager_b, self.passage | self.third_passage)
        self.assertInvisible(self.ext_other, self.session)
        self.assertInvisible(self.ext_other, self.passage)
        self.assertVisible(self.ext, self.session)
        self.assertVisible(self.ext, self.passage)
        self.assertInvisible(self.ext, self.third_passage)
        self.assertEqual(
            self.env["parcours.passage"].with_user(self.ext).search_count([("commission_id", "=", self.session.id)]), 1
        )
        groups = (
            self.env["parcours.passage"]
            .with_user(self.ext)
            .read_group([("commission_id", "=", self.session.id)], ["case_label"], ["case_label"])
        )
        self.assertEqual([g["case_label"] for g in groups], [self.passage.case_label])

    def test_professional_lists_sessions_and_books_a_slot_without_seeing_others(self):
        """Counts and slots consider every passage; the professional reads none of the others."""
        sessions = (
            self.env["parcours.commission"]
            .with_user(self.pro)
            .web_search_read(
                [("id", "=", self.session.id)], {"display_name": {}, "passage_count": {}, "overbooked": {}}
            )
        )
        self.assertEqual(sessions["records"][0]["passage_count"], 2)
        fourth_case = self._create_case(self.env["res.partner"].create({"name": "Famille Quatre"}), [self.pro])
        passage = (
            self.env["parcours.passage"]
            .with_user(self.pro)
            .create({"case_id": fourth_case.id, "commission_id": self.session.id})
        )
        self.assertEqual(passage.sequence, 3, "The slot after the two passages the professional cannot see")
        self.assertGreaterEqual(passage.start, self.third_passage.stop)
        self.assertInvisible(self.pro, self.third_passage)
        self.assertEqual(self.session.passage_count, 3)
