from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestReferent(ParcoursCommon):
    def _designate(self, case, intervenant, user, **values):
        wizard = Form(self.env["parcours.referent.designate"].with_user(user).with_context(default_case_id=case.id))
        wizard.intervenant_id = intervenant
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard.save().action_designate()

    def test_succession_keeps_history(self):
        case = self.case
        first = case.referent_designation_ids
        new = case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        self._designate(case, new, self.referent, person_choice="chosen", end_reason="person_choice")
        self.assertEqual(case.referent_intervenant_id, new)
        self.assertTrue(new.is_referent)
        self.assertEqual(len(case.referent_designation_ids), 2)
        self.assertEqual(first.date_end, fields.Date.today())
        self.assertEqual(first.end_reason, "person_choice")
        self.assertFalse(first.intervenant_id.is_referent)
        self.assertIn("is the référent de parcours", case.message_ids[0].body)

    def test_person_refused_to_choose_is_recorded(self):
        person = self.env["res.partner"].create({"name": "Monsieur Petit"})
        case = self._create_case(person, [self.pro])
        case.intervenant_ids.is_proposer = True  # what opening the situation as self.pro records
        self._designate(case, case.intervenant_ids, self.pro, person_choice="refused_to_choose")
        self.assertEqual(case.referent_designation_ids.person_choice, "refused_to_choose")

    def test_only_active_intervenants(self):
        ended = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)
        ended.action_end()
        self.case.referent_designation_ids.write({"date_end": fields.Date.today(), "end_reason": "other"})
        with self.assertRaisesRegex(ValidationError, "no longer follows"), self.env.cr.savepoint():
            self.env["parcours.referent"].create({"case_id": self.case.id, "intervenant_id": ended.id})
        self.case.invalidate_recordset()
        self.assertFalse(self.case.referent_intervenant_id)
        offered = self.env["parcours.intervenant"].search([("case_id", "=", self.case.id), ("is_active", "=", True)])
        self.assertNotIn(ended, offered, "the wizard's domain offers active intervenants only")

    def test_referent_cannot_leave_without_successor(self):
        referent = self.case.referent_intervenant_id
        with self.assertRaisesRegex(UserError, "designate a successor"):
            referent.with_user(self.referent).action_end()
        with self.assertRaisesRegex(UserError, "end the designation"):
            referent.sudo().unlink()
        self.assertTrue(referent.is_active)

    def test_succession_alert_and_activity(self):
        referent = self.case.referent_intervenant_id
        referent.date_end = fields.Date.add(fields.Date.today(), days=90)
        self.assertFalse(self.case.referent_succession_due)
        self.company_a.parcours_referent_alert_days = 60
        with freeze_time(fields.Date.add(fields.Date.today(), days=31)):
            self.case.invalidate_recordset(["referent_succession_due"])
            self.assertTrue(self.case.referent_succession_due)
            due = self.env["parcours.case"].search([("referent_succession_due", "=", True)])
            self.assertIn(self.case, due)
            self.assertNotIn(self.other_case, due)
            self.assertNotIn(self.case, self.env["parcours.case"].search([("referent_succession_due", "=", False)]))
            self.env["parcours.case"]._cron_referent_continuity()
            self.env["parcours.case"]._cron_referent_continuity()
        activity_type = self.env.ref("referent_parcours.mail_activity_type_referent_succession")
        activities = self.case.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(len(activities), 1, "the cron does not duplicate its activity")
        self.assertEqual(activities.user_id, self.referent)
        self.assertEqual(activities.date_deadline, referent.date_end)
        # Designating the successor closes the activity.
        successor = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        self._designate(self.case, successor, self.referent, end_reason="mission_ended")
        self.assertFalse(self.case.activity_ids.filtered(lambda a: a.activity_type_id == activity_type))

    def test_alert_delay_is_configurable(self):
        referent = self.case.referent_intervenant_id
        referent.date_end = fields.Date.add(fields.Date.today(), days=20)
        self.company_a.parcours_referent_alert_days = 10
        self.case.invalidate_recordset(["referent_succession_due"])
        self.assertFalse(self.case.referent_succession_due)
        self.company_a.parcours_referent_alert_days = 30
        self.case.invalidate_recordset(["referent_succession_due"])
        self.assertTrue(self.case.referent_succession_due)
