from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestCommissionAttendance(ParcoursCommon):
    """During and after the session: attendance, the family's absence, postponement, the next commission."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.session = cls._create_session(days=20)
        cls.next_session = cls._create_session(days=34)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.session.id})
        cls.family_line = cls.passage.invitee_ids.filtered(lambda i: i.role == "person")

    def test_attendance_is_recorded_per_invitee(self):
        self.assertEqual(self.passage.family_attendance, "unknown")
        with Form(self.passage.with_user(self.secretary)) as form:
            for index in range(len(form.invitee_ids)):
                with form.invitee_ids.edit(index) as line:
                    line.attendance = "present" if line.role != "intervenant" else "excused"
        self.assertEqual(self.passage.family_attendance, "present")
        self.assertEqual(
            set(self.passage.invitee_ids.filtered(lambda i: i.role == "intervenant").mapped("attendance")), {"excused"}
        )
        self.session.with_user(self.pilot).action_hold()
        self.assertEqual(self.passage.state, "held")
        self.session.with_user(self.pilot).action_close()
        self.assertEqual(self.session.state, "closed")
        self.assertEqual(self.session.date_closed, fields.Date.today())

    def test_absent_family_postponed_to_next_free_session(self):
        self.family_line.attendance = "absent"
        self.assertEqual(self.passage.family_attendance, "absent")
        full = self._create_session(days=27, capacity=1)
        self.env["parcours.passage"].create({"case_id": self.other_case.id, "commission_id": full.id})

        form = Form(
            self.env["parcours.passage.postpone"].with_user(self.pilot).with_context(default_passage_id=self.passage.id)
        )
        self.assertEqual(form.target_commission_id, self.next_session, "The full session of day 27 is skipped")
        form.reason = "La famille a prévenu : enfant malade"
        action = form.save().action_confirm()
        new = self.env["parcours.passage"].browse(action["res_id"])

        self.assertEqual(self.passage.state, "postponed")
        self.assertEqual(self.passage.absence_decision, "postpone")
        self.assertEqual(self.passage.absence_reason, "La famille a prévenu : enfant malade")
        self.assertEqual(self.passage.postponed_to_id, new)
        self.assertEqual(new.commission_id, self.next_session)
        self.assertEqual(new.state, "scheduled")
        self.assertEqual(new.postponed_from_id, self.passage)
        self.assertEqual(new.invitee_ids.partner_id, self.passage.invitee_ids.partner_id)
        self.assertFalse(self.passage.event_id.active, "The old slot leaves the calendars")
        self.assertTrue(new.event_id.active)
        self.assertIn("enfant malade", self.case.message_ids[0].body)

    def test_absent_family_held_without_them(self):
        self.family_line.attendance = "excused"
        wizard = Form(
            self.env["parcours.passage.postpone"]
            .with_user(self.pilot)
            .with_context(default_passage_id=self.passage.id, default_decision="hold")
        )
        self.assertFalse(wizard.target_commission_id)
        wizard.reason = "La famille a demandé que la commission se tienne sans elle"
        wizard.save().action_confirm()
        self.assertEqual(self.passage.state, "scheduled")
        self.assertEqual(self.passage.absence_decision, "hold")

    def test_postponing_needs_a_reason_and_a_scheduled_passage(self):
        with self.assertRaisesRegex(UserError, "reason"):
            self.passage._postpone(self.next_session, "")
        self.session.action_hold()
        with self.assertRaisesRegex(UserError, "Only a scheduled passage"):
            self.passage._postpone(self.next_session, "Trop tard")

    def test_postponing_without_free_session_leaves_a_request(self):
        self.next_session.capacity = 0
        wizard = Form(self.env["parcours.passage.postpone"].with_context(default_passage_id=self.passage.id))
        self.assertFalse(wizard.target_commission_id)
        wizard.reason = "Aucune date possible"
        action = wizard.save().action_confirm()
        new = self.env["parcours.passage"].browse(action["res_id"])
        self.assertEqual(new.state, "requested", "The secretariat schedules it when a session opens")
        self.assertFalse(new.event_id)

    def test_next_commission_uses_the_session_of_that_day(self):
        self.passage.next_commission_date = self.next_session._local_start().date()
        action = self.passage.with_user(self.referent).action_plan_next_passage()
        follow_up = self.env["parcours.passage"].browse(action["res_id"])
        self.assertEqual(follow_up.commission_id, self.next_session)
        self.assertEqual(self.passage.next_passage_id, follow_up)
        self.assertEqual(follow_up.case_id, self.case)
        with self.assertRaisesRegex(UserError, "already planned"):
            self.passage.action_plan_next_passage()

    def test_next_commission_creates_a_session_when_none_exists(self):
        day = fields.Date.add(fields.Date.today(), days=60)
        self.passage.next_commission_date = day
        count = self.env["parcours.commission"].search_count([])
        action = self.passage.with_user(self.referent).action_plan_next_passage()
        follow_up = self.env["parcours.passage"].browse(action["res_id"])
        self.assertEqual(self.env["parcours.commission"].search_count([]), count + 1)
        session = follow_up.commission_id
        self.assertEqual(session._local_start().date(), day)
        self.assertEqual(session.kind, "follow_up")
        self.assertEqual(session.pilot_id, self.pilot)
        self.assertEqual(follow_up.state, "scheduled")
        self.assertEqual(session.passage_ids, follow_up)

    def test_next_commission_in_the_past_is_refused(self):
        self.passage.next_commission_date = fields.Date.add(fields.Date.today(), days=-3)
        with self.assertRaisesRegex(UserError, "past"):
            self.passage.action_plan_next_passage()

    def test_closed_session_cannot_be_cancelled_or_held_twice(self):
        self.session.action_hold()
        with self.assertRaisesRegex(UserError, "held"):
            self.session._cancel("Trop tard")
        with self.assertRaisesRegex(UserError, "Only a planned session"):
            self.session.action_hold()
        self.assertEqual(self.passage.stop - self.passage.start, timedelta(hours=1.5))
