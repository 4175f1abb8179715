from functools import partial

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_portal import PortalData

REFUSED = (AccessError, UserError, ValidationError)


@tagged("post_install", "-at_install")
class TestKeptAndFollowed(PortalData):
    """Found by attacking the refactoring of issue 14 (present before it): what a signed decision record keeps,
    which pilot a passage invites, who follows a situation and is notified once a line ends or changes login."""

    def _followers(self, case):
        case.invalidate_recordset()
        return case.sudo().message_partner_ids

    def _event(self, record):
        return record.with_context(active_test=False).sudo().event_id

    def _other_pilot_session(self):
        pilot = new_test_user(
            self.env, login="test_pilot_two", groups="base.group_user,referent_parcours.group_parcours_pilot"
        )
        return self._create_session(days=27, pilot_id=pilot.id)

    def test_a_signed_record_keeps_its_reviews_signatures_and_goals(self):
        self.assertEqual(self.releve.state, "validated")
        goal = self.releve.objective_ids[:1]
        self.assertTrue(goal)
        self._refused(
            partial(
                self.env["parcours.releve.review"].with_user(self.referent).create,
                {"releve_id": self.releve.id, "objective_id": goal.id, "outcome": "abandoned"},
            ),
            REFUSED,
            "a review added to a signed record",
        )
        signature = self.releve.signature_ids[:1]
        self._refused(partial(signature.with_user(self.pilot).write, {"refused": True}), REFUSED, "a signature changed")
        self._refused(self.releve.signature_ids[:1].with_user(self.pilot).unlink, REFUSED, "a signature line removed")
        self._refused(
            partial(
                self.env["parcours.releve.signature"].with_user(self.pilot).create,
                {"releve_id": self.releve.id, "partner_id": self.pilot.partner_id.id, "role": "partner"},
            ),
            REFUSED,
            "a signature line added",
        )
        draft_plan = self.releve.projet_id.action_revise()
        self._refused(
            partial(
                self.env["parcours.objective"].with_user(self.referent).create,
                {
                    "projet_id": draft_plan.id,
                    "releve_id": self.releve.id,
                    "domain_id": self.domain_health.id,
                    "name": "Objectif ajouté après signature",
                },
            ),
            REFUSED,
            "a goal put into a signed record",
        )
        self._refused(partial(goal.with_user(self.referent).write, {"releve_id": False}), REFUSED, "a goal taken out")
        self.assertEqual(self.releve.objective_ids, goal | (self.releve.objective_ids - goal))
        # The draft record still takes its goals, reviews and signatures.
        draft_goal = (
            self.env["parcours.objective"]
            .with_user(self.referent)
            .create(
                {
                    "projet_id": draft_plan.id,
                    "releve_id": self.draft.id,
                    "domain_id": self.domain_health.id,
                    "name": "Faire le point sur la santé",
                }
            )
        )
        self.assertEqual(draft_goal.releve_id, self.draft)

    def test_a_passage_invites_the_pilot_of_its_session(self):
        session_b = self._other_pilot_session()
        new_pilot = session_b.pilot_id.partner_id
        self.passage.with_user(self.secretary).write({"commission_id": session_b.id})
        self.assertNotIn(self.pilot.partner_id, self._event(self.passage).partner_ids, "the former pilot leaves")
        self.assertIn(new_pilot, self._event(self.passage).partner_ids)
        self.assertEqual(self.passage.invitee_ids.filtered(lambda i: i.role == "pilot").partner_id, new_pilot)

        new = self.passage.with_user(new_pilot.user_ids)._postpone(self.commission, "Famille absente")
        self.assertNotIn(new_pilot, self._event(new).partner_ids, "the pilot of the session left behind")
        self.assertIn(self.pilot.partner_id, self._event(new).partner_ids)

        # The session's pilot replaced: its passages invite the new one.
        self.commission.with_user(self.secretary).pilot_id = session_b.pilot_id
        self.assertNotIn(self.pilot.partner_id, self._event(new).partner_ids)
        self.assertIn(new_pilot, self._event(new).partner_ids)

    def test_a_passage_leaves_its_session_only_by_postponing_or_cancelling(self):
        self._refused(
            partial(self.passage.with_user(self.referent).write, {"commission_id": False}),
            REFUSED,
            "a passage taken off",
        )
        self.assertTrue(self._event(self.passage).active)

    def test_a_line_ending_on_its_date_stops_notifications_then_following(self):
        tomorrow = fields.Date.add(fields.Date.today(), days=1)
        self.pro_intervenant.with_user(self.referent).write({"date_end": tomorrow})
        self.assertIn(self.pro.partner_id, self._followers(self.case), "still following until tomorrow")
        # The day comes, without any write.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE parcours_intervenant SET date_end = %s WHERE id = %s",
            (fields.Date.today(), self.pro_intervenant.id),
        )
        self.env.invalidate_all()
        self.assertFalse(self.case.with_user(self.pro).has_access("read"))
        message = self.case.with_user(self.referent).message_post(
            body="Note après la fin", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        notified = message.sudo().notification_ids.res_partner_id
        self.assertNotIn(self.pro.partner_id, notified, "not notified once the line ended")
        self.assertIn(self.ext.partner_id, notified, "the others still are")
        self.env["parcours.case"]._cron_sync_followers()
        self.assertNotIn(self.pro.partner_id, self._followers(self.case), "the daily job tidies the followers")

    def test_the_login_of_a_line_follows_not_its_contact(self):
        self.pro_intervenant.with_user(self.referent).write({"user_id": self.ext_other.id})
        self.assertFalse(self.case.with_user(self.pro).has_access("read"))
        self.assertNotIn(self.pro.partner_id, self._followers(self.case))
        self.assertIn(self.ext_other.partner_id, self._followers(self.case), "the login that reads follows")
        self.env["parcours.intervenant"].with_user(self.referent).create(
            {**self._intervenant_vals(self.pro_other), "case_id": self.case.id, "user_id": self.ext.id}
        )
        self.assertNotIn(self.pro_other.partner_id, self._followers(self.case), "a contact whose login does not read")
