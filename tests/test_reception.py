from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, warmup

from .common import ParcoursCommon

# Reading the reception tab of a situation with four interviews and a reception passage, as its référent: 16
# measured on Odoo 18.0 with a warm registry (the situation's access check, the interviews and their count, the
# passages with their session's name, and the consultation log's insert when the transaction commits).
RECEPTION_TAB_QUERIES = 16

RECEPTION_TAB_SPEC = {
    "interview_count": {},
    "access_file": {},
    "interview_ids": {
        "fields": {
            "date": {},
            "kind": {},
            "place": {},
            "passage_id": {"fields": {"display_name": {}}},
            "decision": {},
            "next_start": {},
        },
        "order": "date",
    },
    "reception_passage_ids": {
        "fields": {"start": {}, "commission_id": {"fields": {"display_name": {}}}, "state": {}},
        "order": "start",
    },
}


class ReceptionData(ParcoursCommon):
    """``case`` goes through its reception phase with its référent: four interviews, the work asked for next
    time, a reception CSP on which it is scheduled (so the pilot and the secretariat read the situation)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.session = cls._create_session(days=20, kind="reception")
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.session.id})
        Interview = cls.env["parcours.interview"].with_user(cls.referent)
        now = fields.Datetime.now()
        cls.interviews = Interview.create(
            [
                {
                    "case_id": cls.case.id,
                    "kind": kind,
                    "date": now - timedelta(days=days),
                    "place": "Maison du Département",
                    "person_words": "« Je veux que Léa reste à l'école du quartier. »",
                    "decision": "continue",
                    "item_ids": [
                        Command.create({"kind": "document", "name": "Le dernier avis d'imposition"}),
                        Command.create({"kind": "question", "name": "Ce qui compte le plus pour vous"}),
                    ],
                }
                for kind, days in (
                    ("first_reception", 35),
                    ("diagnosis", 28),
                    ("co_construction", 21),
                    ("contract", 14),
                )
            ]
        ).with_env(cls.env)
        cls.items = cls.interviews.item_ids


@tagged("post_install", "-at_install")
class TestReception(ReceptionData):
    # Need to know ---------------------------------------------------------------------------------

    def test_interviews_follow_the_situation(self):
        """Read and written by who follows the situation; not by the commission's staff, who read the situation
        itself, nor by managers outside an exceptional access, nor by the person's login."""
        for user in (self.referent, self.pro, self.ext):
            with self.subTest(user=user.login):
                self.assertVisible(user, self.interviews)
                self.assertVisible(user, self.items)
        for user in (self.pro_other, self.ext_other, self.pilot, self.secretary, self.manager, self.manager_b):
            with self.subTest(user=user.login):
                self.assertInvisible(user, self.interviews)
                self.assertInvisible(user, self.items)
                self._refused(lambda user=user: self.interviews[0].with_user(user).read(["person_words"]))
        # The pilot and the secretary read the situation for the commission, and nothing of its interviews.
        self.assertVisible(self.pilot, self.case)
        self.assertVisible(self.secretary, self.case)
        for user in (self.pilot, self.secretary):
            # What the web client asks for the situation's form (the same call as its JSON-RPC request).
            form = self.case.with_user(user).web_read(RECEPTION_TAB_SPEC)[0]
            self.assertEqual(form["interview_ids"], [])
            self.assertEqual(form["interview_count"], 0)
            self.assertFalse(form["access_file"], "the reception tab is hidden from them")
        with self.assertRaises(AccessError):
            self.env["parcours.interview"].with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            self.env["parcours.interview.item"].with_user(self.portal).search([])

    def test_manager_reads_only_through_an_exceptional_access(self):
        self.assertInvisible(self.manager, self.interviews)
        self._open_exceptionally(self.manager, self.case)
        self.assertVisible(self.manager, self.interviews)
        self.assertVisible(self.manager, self.items)
        interview = self.interviews[0].with_user(self.manager)
        self.assertIn("Léa", interview.person_words)
        self._refused(lambda: interview.write({"person_words": "modifié"}))
        self._refused(lambda: interview.item_ids[0].write({"done": True}))
        self._refused(lambda: interview.unlink())
        self._refused(
            lambda: self.env["parcours.interview"].with_user(self.manager).create({"case_id": self.case.id}),
            (AccessError, ValidationError),
        )

    def test_who_does_not_follow_writes_nothing(self):
        interview = self.interviews[0]
        for user in (self.pro_other, self.ext_other, self.pilot, self.secretary):
            with self.subTest(user=user.login):
                self._refused(lambda user=user: interview.with_user(user).write({"decision": "stop"}))
                self._refused(
                    lambda user=user: interview.with_user(user).write(
                        {"item_ids": [Command.create({"name": "Un papier"})]}
                    )
                )
                self._refused(
                    lambda user=user: self.env["parcours.interview"]
                    .with_user(user)
                    .create({"case_id": self.case.id, "user_id": self.referent.id}),
                    (AccessError, ValidationError),
                )
        # An interview stays on its situation, and is led by a professional who follows it.
        self._refused(lambda: interview.with_user(self.pro).write({"case_id": self.other_case.id}))
        self._refused(
            lambda: self.env["parcours.interview"]
            .with_user(self.pro_other)
            .create({"case_id": self.other_case.id, "user_id": self.referent.id}),
            (ValidationError,),
        )
        # A household member of another situation cannot be named present.
        self._refused(
            lambda: interview.with_user(self.pro).write({"member_ids": [Command.set(self.other_case.member_ids.ids)]}),
            (AccessError, ValidationError),
        )
        interview.with_user(self.pro).write({"member_ids": [Command.set(self.case.member_ids.ids)]})
        self.assertEqual(interview.member_ids, self.case.member_ids)

    def test_person_words_are_never_in_the_chatter(self):
        self.interviews[0].with_user(self.referent).write({"person_words": "« Un autre mot à moi. »"})
        messages = self.env["mail.message"].search([("model", "=", "parcours.case"), ("res_id", "=", self.case.id)])
        self.assertFalse([m for m in messages if "mot à moi" in (m.body or "")])
        self.assertFalse(getattr(self.interviews._fields["person_words"], "tracking", None))

    # Calendar --------------------------------------------------------------------------------------

    def test_next_appointment_in_the_calendars(self):
        interview = self.interviews[-1].with_user(self.referent)
        self.assertFalse(interview.event_id)
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=7)
        interview.write({"next_start": start, "next_duration": 1.5, "next_place": "Au domicile"})
        event = interview.sudo().event_id
        self.assertTrue(event.active)
        self.assertEqual(event.partner_ids, self.referent.partner_id | self.person)
        self.assertEqual(event.attendee_ids.partner_id, self.referent.partner_id | self.person)
        self.assertEqual(event.privacy, "private")
        self.assertEqual((event.start, event.stop), (start, start + timedelta(hours=1.5)))
        self.assertEqual(event.location, "Au domicile")
        self.assertNotIn(self.person.name, event.name, "the title does not name the person")
        self.assertFalse(event.message_partner_ids - self.env.user.partner_id, "nobody follows the event")
        # Colleagues see a busy slot, not who attends.
        self.assertFalse(self.env["calendar.attendee"].with_user(self.pro_other).search([("event_id", "=", event.id)]))
        self.assertEqual(
            self.env["calendar.attendee"].with_user(self.pro).search([("event_id", "=", event.id)]),
            event.attendee_ids,
        )
        # Cleared, the appointment leaves the calendars; set again, it comes back.
        interview.write({"next_start": False})
        self.assertFalse(event.active)
        interview.write({"next_start": start})
        self.assertTrue(event.active)
        # Another professional leads: the attendees follow.
        interview.write({"user_id": self.pro.id})
        self.assertEqual(event.partner_ids, self.pro.partner_id | self.person)
        interview.sudo().unlink()
        self.assertFalse(event.exists())

    def test_appointments_leave_with_the_situation(self):
        interview = self.interviews[0]
        interview.with_user(self.referent).next_start = fields.Datetime.now() + timedelta(days=3)
        event = interview.event_id
        self.assertTrue(event)
        self.case._retention_delete()
        self.assertFalse(event.exists())
        self.assertFalse(self.interviews.exists())
        self.assertFalse(self.items.exists())

    # Checklist -------------------------------------------------------------------------------------

    def test_work_asked_for_next_time(self):
        interview = self.interviews[0].with_user(self.pro)
        self.assertEqual(interview.item_ids.mapped("kind"), ["document", "question"])
        interview.item_ids[0].done = True
        interview.write({"item_ids": [Command.create({"kind": "question", "name": "Vos horaires de travail"})]})
        self.assertEqual(interview.item_ids.mapped("done"), [True, False, False])
        self.assertEqual(interview.item_ids[-1].case_id, self.case)
        # An item stays on its interview.
        self._refused(lambda: interview.item_ids[0].write({"interview_id": self.interviews[1].id}))
        interview.sudo().unlink()
        self.assertEqual(len(self.items.exists()), 6)

    # The person's decision -------------------------------------------------------------------------

    def test_stop_asks_whoever_answers_the_person_to_close(self):
        interview = self.interviews[-1].with_user(self.pro)
        interview.write({"next_start": fields.Datetime.now() + timedelta(days=7)})
        event = interview.sudo().event_id
        interview.write({"decision": "stop"})
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.referent, "the référent answers the person")
        note = self.case.message_ids.filtered(lambda m: "decided to stop" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertNotIn("Léa", note.body, "the person's words stay in the interview")
        self.assertFalse(event.active, "no appointment after the person stopped")
        # Writing the same decision again asks nothing more.
        interview.write({"decision": "stop", "place": "Ailleurs"})
        self.assertEqual(len(self.case.activity_ids), 1)
        # The other decisions ask nothing.
        self.interviews[0].with_user(self.pro).write({"decision": "think"})
        self.assertEqual(len(self.case.activity_ids), 1)

    # Preparatory sessions --------------------------------------------------------------------------

    def test_preparatory_sessions_before_the_csp(self):
        Interview = self.env["parcours.interview"].with_user(self.referent)
        sessions = Interview.create(
            [
                {
                    "case_id": self.case.id,
                    "kind": "preparatory",
                    "passage_id": self.passage.id,
                    "date": fields.Datetime.now() - timedelta(days=days),
                }
                for days in (10, 3)
            ]
        )
        self.assertEqual(sessions.passage_id, self.passage)
        form = self.case.with_user(self.referent).web_read(RECEPTION_TAB_SPEC)[0]
        self.assertEqual(
            [line["kind"] for line in form["interview_ids"]],
            ["first_reception", "diagnosis", "co_construction", "contract", "preparatory", "preparatory"],
        )
        self.assertEqual([line["id"] for line in form["reception_passage_ids"]], self.passage.ids)
        self.assertEqual(form["interview_count"], 6)
        other_passage = self.env["parcours.passage"].create({"case_id": self.other_case.id})
        self._refused(
            lambda: Interview.create({"case_id": self.case.id, "kind": "preparatory", "passage_id": other_passage.id}),
            (AccessError, ValidationError),
        )
        self._refused(
            lambda: Interview.sudo().create(
                {
                    "case_id": self.case.id,
                    "kind": "preparatory",
                    "passage_id": other_passage.id,
                    "user_id": self.referent.id,
                }
            ),
            (ValidationError,),
        )
        self._refused(
            lambda: self.interviews[0].with_user(self.referent).write({"passage_id": self.passage.id}),
            (ValidationError,),
        )

    # Performance ------------------------------------------------------------------------------------

    @warmup
    def test_reception_tab_query_count(self):
        read = self.case.with_user(self.referent).web_read
        read(RECEPTION_TAB_SPEC)
        self.env.invalidate_all()
        with self.assertQueryCount(RECEPTION_TAB_QUERIES):
            form = read(RECEPTION_TAB_SPEC)[0]
        self.assertEqual(len(form["interview_ids"]), 4)


@tagged("post_install", "-at_install")
class TestReferentLedCsp(ParcoursCommon):
    """Ariège, accompaniment phase: the référent convenes and leads the CSP of their own situations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        day = fields.Date.add(fields.Date.today(), days=25)
        cls.vals = {
            "site_id": cls.site.id,
            "kind": "referent_csp",
            "start": cls.site._local_datetime(day, 14),
            "stop": cls.site._local_datetime(day, 16),
            "venue": "Maison du Département, salle 1",
        }
        # The référent also follows a situation whose référent is someone else.
        cls.pro_case = cls._create_case(
            cls.env["res.partner"].create({"name": "Famille Leroy"}), [cls.pro, cls.referent], referent=cls.pro
        )

    def _open(self, user, **extra):
        return self.env["parcours.commission"].with_user(user).create({**self.vals, "pilot_id": user.id, **extra})

    def test_referent_convenes_and_leads_their_csp(self):
        session = self._open(self.referent)
        self.assertEqual(session.pilot_id, self.referent)
        self.assertTrue(session.led_by_me)
        passage = (
            self.env["parcours.passage"]
            .with_user(self.referent)
            .create({"case_id": self.case.id, "commission_id": session.id})
        )
        self.assertEqual(passage.state, "scheduled")
        self.assertFalse(session.pilot_warning, "the référent leads it: no neutrality warning for this kind")
        # The invitees are those of any passage (the référent once, as référent).
        self.assertEqual(
            passage.invitee_ids.filtered(lambda i: i.role == "referent").partner_id, self.referent.partner_id
        )
        self.assertFalse(passage.invitee_ids.filtered(lambda i: i.role == "pilot"))
        self.assertIn(self.referent.partner_id, passage.sudo().event_id.partner_ids)
        # The référent runs the session.
        session.write({"venue": "Centre social, salle 3"})
        session.action_hold()
        self.assertEqual(passage.state, "held")
        session.action_close()
        self.assertEqual(session.state, "closed")

    def test_referent_cannot_open_another_kind_or_for_someone_else(self):
        self._refused(lambda: self._open(self.referent, kind="technical"))
        self._refused(lambda: self._open(self.referent, kind="reception"))
        self._refused(lambda: self._open(self.referent, pilot_id=self.pilot.id))
        session = self._open(self.referent)
        self._refused(lambda: session.write({"kind": "technical"}))
        self._refused(lambda: session.write({"pilot_id": self.pilot.id}))
        self._refused(lambda: session.unlink())
        # A session of the site run by its staff stays theirs.
        staff_session = self._create_session(days=30)
        self._refused(lambda: staff_session.with_user(self.referent).write({"venue": "Ailleurs"}))

    def test_only_situations_they_are_the_referent_of(self):
        session = self._open(self.referent)
        # The référent follows pro_case but is not its référent.
        self._refused(
            lambda: self.env["parcours.passage"]
            .with_user(self.referent)
            .create({"case_id": self.pro_case.id, "commission_id": session.id}),
            (AccessError, ValidationError),
        )
        # Its own référent cannot put it on a CSP someone else leads either.
        self._refused(
            lambda: self.env["parcours.passage"]
            .with_user(self.pro)
            .create({"case_id": self.pro_case.id, "commission_id": session.id}),
            (AccessError, ValidationError),
        )
        requested = self.env["parcours.passage"].with_user(self.pro).create({"case_id": self.pro_case.id})
        self._refused(lambda: requested.sudo().write({"commission_id": session.id}), (ValidationError,))

    def test_professionals_who_are_not_referents_are_refused(self):
        for user in (self.pro_other, self.ext):
            with self.subTest(user=user.login):
                self._refused(lambda user=user: self._open(user))
        # A référent of another organisation, on this organisation's site.
        self._create_case(
            self.env["res.partner"].create({"name": "Famille Petit"}),
            [self.ext_other],
            referent=self.ext_other,
            company=self.company_b,
        )
        self._refused(lambda: self._open(self.ext_other))
        # On a site of their own organisation, they may.
        own_site = self.env["parcours.site"].search([("company_id", "=", self.company_b.id)], limit=1)
        self.assertEqual(self._open(self.ext_other, site_id=own_site.id).pilot_id, self.ext_other)
        for user in (self.portal, self.employee):
            with self.subTest(user=user.login):
                self._refused(lambda user=user: self._open(user))

    def test_other_kinds_still_warn(self):
        session = self._create_session(days=40)
        session.pilot_id = self.referent
        self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": session.id})
        self.assertTrue(session.pilot_warning)
        # The staff keep planning every kind, the référent-led one included.
        staff = (
            self.env["parcours.commission"]
            .with_user(self.secretary)
            .create({**self.vals, "pilot_id": self.referent.id, "secretary_id": self.secretary.id})
        )
        self.assertFalse(staff.pilot_warning)
        self._refused(lambda: staff.write({"pilot_id": False}), (ValidationError,))
