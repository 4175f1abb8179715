from odoo.tests import tagged, warmup

from .common import ParcoursCommon

# Measured on Odoo 18.0 with a warm registry. Scheduling: 92 queries before the need-to-know work, 91 after (events
# no longer subscribe their attendees; the passage's state is written by the system apart from the client's
# values). Sending: 179 before, 183 after (letters rendered in one run and filed on the passage, one check per
# chatter note of the rule that keeps a situation's messages with its professionals). With the calendar mixin
# (events written once, in one batch, at the end of the public call; sending no longer rewrites every event
# first): scheduling 88, sending 105 (two of them for rendering the e-mail from its mail.template).
# Scheduling costs about 6 queries per passage and sending about 17 (one chatter note per situation):
# the budgets are for the session of six passages the method describes.
SCHEDULE_SIX_QUERIES = 88
INVITE_SIX_QUERIES = 105
AGENDA_QUERIES = 24


@tagged("post_install", "-at_install")
class TestCommissionPerformance(ParcoursCommon):
    """Query budgets of the secretary's hot paths on a session of six passages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.site.passages_per_session = 6
        cls.warm_session = cls._create_session(days=24, hours=(8, 18))
        cls.session = cls._create_session(days=25, hours=(8, 18))
        cls.cases = cls.env["parcours.case"]
        for index in range(7):
            person = cls.env["res.partner"].create(
                {"name": f"Famille Perf {index}", "email": f"perf{index}@example.com"}
            )
            cls.cases |= cls._create_case(person, [cls.pro, cls.ext, cls.referent], referent=cls.referent)

    def _requests(self, cases):
        requests = self.env["parcours.passage"].create([{"case_id": case.id} for case in cases])
        self.env.flush_all()
        self.env.invalidate_all()
        return requests

    def _schedule(self, session, requests):
        wizard = (
            self.env["parcours.commission.schedule"]
            .with_user(self.secretary)
            .create({"commission_id": session.id, "passage_ids": [(6, 0, requests.ids)]})
        )
        wizard.action_schedule()
        self.env.flush_all()

    def _invite(self, session):
        session.with_user(self.secretary)._send_invitations()
        self.env.flush_all()

    def _agenda(self, session):
        return (
            self.env["ir.actions.report"]
            .with_user(self.secretary)
            ._render_qweb_html("referent_parcours.action_report_parcours_agenda", session.ids)
        )

    @warmup
    def test_schedule_and_invite_six_passages(self):
        # One passage through the whole path first: caches, rule compilation and templates are warm.
        self._schedule(self.warm_session, self._requests(self.cases[6:]))
        self._invite(self.warm_session)
        self._agenda(self.warm_session)
        self.env.invalidate_all()

        requests = self._requests(self.cases[:6])
        with self.assertQueryCount(SCHEDULE_SIX_QUERIES):
            self._schedule(self.session, requests)
        self.assertEqual(len(self.session.passage_ids), 6)
        self.assertEqual(len(self.session.passage_ids.event_id), 6)

        self.env.invalidate_all()
        with self.assertQueryCount(INVITE_SIX_QUERIES):
            self._invite(self.session)
        self.assertEqual(len(self.session.passage_ids.invitee_ids.mail_id), 6 * 5)

        self.env.invalidate_all()
        with self.assertQueryCount(AGENDA_QUERIES):
            self._agenda(self.session)
