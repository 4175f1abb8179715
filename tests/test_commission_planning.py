from datetime import date, datetime, timedelta
from unittest.mock import patch

import psycopg2
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestCommissionPlanning(ParcoursCommon):
    """Rhythm planning, slots, capacity, overlaps and the checks on sessions and passages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.session = cls._create_session(days=30)

    def _local(self, value):
        """Local wall-clock time of a stored datetime, as the site's people read it."""
        return fields.Datetime.context_timestamp(self.session.with_context(tz="Europe/Paris"), value)

    @freeze_time("2027-03-01")
    def test_plan_quarter_follows_rhythm_and_skips_holidays(self):
        """First and third Tuesdays of a quarter; Easter Monday does not matter, 6 April 2027 is listed as closed."""
        self.env["parcours.public.holiday"].create({"name": "Fermeture exceptionnelle", "date": date(2027, 4, 6)})
        other_company_holiday = self.env["parcours.public.holiday"].create(
            {"name": "Fermeture CAF", "date": date(2027, 3, 16), "company_id": self.company_b.id}
        )
        wizard = Form(self.env["parcours.commission.plan"].with_context(default_site_id=self.site.id))
        wizard.date_from = date(2027, 3, 1)
        wizard.date_to = date(2027, 5, 31)
        self.assertIn("2027-03-02", wizard.preview)
        action = wizard.save().with_user(self.secretary).action_plan()
        sessions = self.env["parcours.commission"].search(action["domain"], order="start")
        days = [self._local(s.start).date() for s in sessions]
        self.assertEqual(
            days,
            [date(2027, 3, 2), date(2027, 3, 16), date(2027, 4, 20), date(2027, 5, 4), date(2027, 5, 18)],
            "6 April is a holiday of the organisation; a holiday of another organisation does not count",
        )
        self.assertIn(other_company_holiday.date, days)
        self.assertEqual({(self._local(s.start).hour, self._local(s.stop).hour) for s in sessions}, {(9, 17)})
        self.assertEqual(sessions.pilot_id, self.pilot)
        self.assertEqual(sessions.secretary_id, self.secretary)
        self.assertEqual(set(sessions.mapped("venue")), {self.site.venue})
        self.assertTrue(all(s.event_id and s.event_id.privacy == "private" for s in sessions))
        self.assertEqual(sessions[0].event_id.partner_ids, (self.pilot | self.secretary).partner_id)

        again = self.site._plan_sessions(date(2027, 3, 1), date(2027, 5, 31))
        self.assertFalse(again, "Planning the same period twice creates no duplicate")

    @freeze_time("2027-03-01")
    def test_last_week_and_half_days(self):
        """Week 5 means the last one of the month; half-days keep their hours."""
        self.site.write({"commission_weeks": "5", "commission_weekday": "4", "commission_hour_end": 12.5})
        sessions = self.site._plan_sessions(date(2027, 3, 1), date(2027, 4, 30))
        self.assertEqual(
            [self._local(s.start).date() for s in sessions.sorted("start")], [date(2027, 3, 26), date(2027, 4, 30)]
        )
        self.assertEqual({self._local(s.stop).strftime("%H:%M") for s in sessions}, {"12:30"})

    def test_site_rhythm_is_validated(self):
        for weeks in ("first", "0,2", "1,6", ""):
            with self.subTest(weeks=weeks), self.assertRaises(ValidationError), self.cr.savepoint():
                self.site.commission_weeks = weeks
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.site.write({"commission_hour_start": 14.0, "commission_hour_end": 12.0})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.site.write({"commission_hour_start": 9.0, "commission_hour_end": 10.0, "passage_duration": 1.5})

    def test_slots_follow_each_other_from_the_start(self):
        cases = [self._create_case(self.env["res.partner"].create({"name": f"Famille {n}"}), [self.pro]) for n in "ABC"]
        passages = self.env["parcours.passage"].create(
            [{"case_id": c.id, "commission_id": self.session.id} for c in cases]
        )
        self.assertEqual(set(passages.mapped("state")), {"scheduled"})
        starts = [self._local(p.start).strftime("%H:%M") for p in passages.sorted("start")]
        self.assertEqual(starts, ["09:00", "10:30", "12:00"])
        self.assertEqual([p.sequence for p in passages.sorted("start")], [1, 2, 3])
        self.assertTrue(all(p.stop - p.start == timedelta(hours=1.5) for p in passages))

        # Removing the second passage frees its slot; laying the agenda out again closes the gap.
        passages.sorted("start")[1].unlink()
        fourth = self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": self.session.id})
        self.assertEqual(self._local(fourth.start).strftime("%H:%M"), "10:30", "The freed slot is reused")
        self.session.action_compute_slots()
        self.assertEqual(
            [self._local(p.start).strftime("%H:%M") for p in self.session.passage_ids.sorted("start")],
            ["09:00", "10:30", "12:00"],
        )

    def test_overlap_and_outside_session_are_refused(self):
        one = self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": self.session.id})
        two = self.env["parcours.passage"].create({"case_id": self.other_case.id, "commission_id": self.session.id})
        with self.assertRaisesRegex(ValidationError, "overlaps"), self.cr.savepoint():
            two.write({"start": one.start + timedelta(minutes=30), "stop": one.stop + timedelta(minutes=30)})
        self.env.invalidate_all()
        with self.assertRaisesRegex(ValidationError, "within its session"), self.cr.savepoint():
            one.write({"start": self.session.start - timedelta(hours=1), "stop": self.session.start})
        self.env.invalidate_all()
        with self.assertRaisesRegex(ValidationError, "within its session"), self.cr.savepoint():
            one.write(
                {"start": self.session.stop - timedelta(minutes=30), "stop": self.session.stop + timedelta(minutes=30)}
            )
        self.env.invalidate_all()
        self.assertEqual(self._local(two.start).strftime("%H:%M"), "10:30", "Nothing changed after the refusals")

    def test_full_session_refuses_with_a_clear_message(self):
        short = self._create_session(days=31, hours=(9, 12))
        self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": short.id})
        self.env["parcours.passage"].create({"case_id": self.other_case.id, "commission_id": short.id})
        third_case = self._create_case(self.env["res.partner"].create({"name": "Famille Trois"}), [self.pro])
        with self.assertRaisesRegex(ValidationError, "No free slot"):
            self.env["parcours.passage"].create({"case_id": third_case.id, "commission_id": short.id})

    def test_capacity_warns_beyond_usual_number(self):
        self.session.capacity = 2
        cases = [self._create_case(self.env["res.partner"].create({"name": f"Famille {n}"}), [self.pro]) for n in "ABC"]
        self.env["parcours.passage"].create([{"case_id": c.id, "commission_id": self.session.id} for c in cases[:2]])
        self.assertFalse(self.session.overbooked)
        self.env["parcours.passage"].create({"case_id": cases[2].id, "commission_id": self.session.id})
        self.assertTrue(self.session.overbooked, "A third situation is accepted but flagged")
        self.assertEqual(self.session.passage_count, 3)

    def test_session_dates_checked(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.session.stop = self.session.start - timedelta(hours=1)
        with self.assertRaises(psycopg2.errors.CheckViolation), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env.cr.execute("UPDATE parcours_commission SET stop = start WHERE id = %s", [self.session.id])

    def test_passage_needs_commission_consent(self):
        case = self._create_case(self.env["res.partner"].create({"name": "Famille Sans Accord"}), [self.pro])
        case.consent_ids.filtered(lambda c: c.consent_type == "commission").action_withdraw(reason="Ne veut pas")
        with self.assertRaisesRegex(ValidationError, "consent to be discussed in commission"):
            self.env["parcours.passage"].create({"case_id": case.id, "commission_id": self.session.id})
        with self.assertRaisesRegex(UserError, "consent to be discussed in commission"):
            case.with_user(self.pro).action_request_passage()

    def test_request_then_secretary_schedules(self):
        """A professional requests; the secretary of the site sees the request and adds it to a session."""
        request = self.env["parcours.passage"].with_user(self.pro).create({"case_id": self.case.id})
        self.assertEqual(request.state, "requested")
        self.assertFalse(request.start)
        self.assertEqual(request.requested_by_id, self.pro)
        self.assertIn(self.pro.partner_id, request.invitee_ids.partner_id)
        self.assertIn(self.person, request.invitee_ids.partner_id)
        self.assertEqual(
            request.invitee_ids.filtered(lambda i: i.partner_id == self.referent.partner_id).role, "referent"
        )
        self.assertFalse(request.event_id, "Nothing goes in a calendar before scheduling")

        self.assertInvisible(self.secretary, self.case, "A request does not open the situation to the secretary")
        self.assertVisible(self.secretary, request)
        wizard = Form(
            self.env["parcours.commission.schedule"]
            .with_user(self.secretary)
            .with_context(default_commission_id=self.session.id)
        )
        wizard.passage_ids.add(request.with_user(self.secretary))
        wizard.save().action_schedule()
        self.assertEqual(request.state, "scheduled")
        self.assertEqual(request.commission_id, self.session)
        self.assertIn(self.pilot.partner_id, request.invitee_ids.partner_id, "The pilot joins the invitees")
        self.assertTrue(request.event_id)
        self.assertVisible(self.secretary, self.case, "Scheduled: the secretary now sees the situation")

    def test_cancel_session_asks_each_referent_to_reschedule(self):
        passage = self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": self.session.id})
        with self.assertRaisesRegex(UserError, "reason"), self.cr.savepoint():
            self.session._cancel("  ")
        wizard = Form(self.env["parcours.commission.cancel"].with_context(default_commission_id=self.session.id))
        wizard.reason = "Salle indisponible"
        wizard.save().with_user(self.secretary).action_cancel()
        self.assertEqual(self.session.state, "cancelled")
        self.assertEqual(passage.state, "cancelled")
        self.assertFalse(passage.event_id.active, "The passage leaves the invitees' calendars")
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("referent_parcours.mail_activity_type_commission_reschedule")
        )
        self.assertEqual(activity.user_id, self.referent)
        self.assertIn("Salle indisponible", activity.note)
        self.assertNotIn(self.case.name, passage.event_id.name)

    def test_moving_the_session_moves_its_passages(self):
        passage = self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": self.session.id})
        before = self._local(passage.start).strftime("%H:%M")
        self.session.write(
            {"start": self.session.start + timedelta(days=7), "stop": self.session.stop + timedelta(days=7)}
        )
        self.assertEqual(self._local(passage.start).strftime("%H:%M"), before)
        self.assertEqual(passage.event_id.start, passage.start, "The calendar event follows")
        self.assertEqual(self.session.event_id.start, self.session.start)

    def test_each_event_is_written_once_per_change(self):
        """The calendar follows sessions and passages through one batch per public call: moving a session with
        three passages writes each of the four events once, with the final times and numbers."""
        cases = [self._create_case(self.env["res.partner"].create({"name": f"Famille {n}"}), [self.pro]) for n in "ABC"]
        Event = type(self.env["calendar.event"])
        written = []
        original_write = Event.write

        def counting_write(events, vals):
            written.extend(events.ids)
            return original_write(events, vals)

        with patch.object(Event, "write", counting_write):
            passages = self.env["parcours.passage"].create(
                [{"case_id": c.id, "commission_id": self.session.id} for c in cases]
            )
            self.assertFalse(written, "new passages: their events are created once, never rewritten")
            self.assertEqual(len(passages.event_id), 3)
            self.session.write(
                {"start": self.session.start + timedelta(days=7), "stop": self.session.stop + timedelta(days=7)}
            )
        self.assertCountEqual(written, (self.session.event_id | passages.event_id).ids)
        for passage in passages:
            self.assertEqual(passage.event_id.start, passage.start)
            self.assertIn(f"passage {passage.sequence}", passage.event_id.name)
        self.assertEqual([p.sequence for p in passages.sorted("start")], [1, 2, 3])

        # Laying the agenda out again after a removal: the remaining events are written once each.
        passages.sorted("start")[0].unlink()
        written.clear()
        with patch.object(Event, "write", counting_write):
            self.session.action_compute_slots()
        remaining = self.session.passage_ids
        self.assertCountEqual(written, remaining.event_id.ids)
        self.assertEqual([p.sequence for p in remaining.sorted("start")], [1, 2])
        self.assertIn("passage 1", remaining.sorted("start")[0].event_id.name)

    def test_pilot_involved_in_a_situation_is_warned(self):
        passage = self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": self.session.id})
        self.assertFalse(self.session.pilot_warning)
        self.session.pilot_id = self.pro
        self.assertIn(passage.name, self.session.pilot_warning)

    def test_session_form_onchange_takes_site_defaults(self):
        form = Form(self.env["parcours.commission"].with_user(self.secretary))
        form.site_id = self.site
        form.start = datetime(2030, 1, 8, 8, 0)
        form.stop = datetime(2030, 1, 8, 16, 0)
        self.assertEqual(form.venue, self.site.venue)
        self.assertEqual(form.pilot_id, self.pilot)
        self.assertEqual(form.secretary_id, self.secretary)
        session = form.save()
        self.assertEqual(session.capacity, 5)
        self.assertEqual(session.state, "planned")
        self.assertIn("Liévin (test)", session.name)
        self.assertEqual(session.event_id.name, session.name)

    def test_held_passage_stays_in_history(self):
        passage = self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": self.session.id})
        self.session.action_hold()
        with self.assertRaisesRegex(UserError, "history"):
            passage.unlink()
        self.assertEqual(self.session.passage_ids, passage)
