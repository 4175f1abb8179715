from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestConsentAndSubjects(ParcoursCommon):
    def test_withdrawal_removes_access_in_the_same_transaction(self):
        self.assertVisible(self.ext, self.case)
        self.case.with_user(self.ext).read(["name"])  # warms the rule cache for ext
        share = self.case.consent_ids.filtered(lambda c: c.consent_type == "share")
        self.env["parcours.consent.withdraw"].with_user(self.referent).create(
            {"consent_id": share.id, "reason": "La personne ne souhaite plus"}
        ).action_withdraw()
        self.assertEqual(share.state, "withdrawn")
        self.assertEqual(share.withdrawn_by_id, self.referent)
        self.assertFalse(self.case.sharing_in_force)
        self.assertInvisible(self.ext, self.case)
        self.assertInvisible(self.pro, self.case)
        self.assertInvisible(self.ext, self.case.intervenant_ids)
        with self.assertRaises(AccessError):
            self.case.with_user(self.ext).read(["name"])
        self.assertVisible(self.referent, self.case, "the référent keeps the situation to follow the person's choice")
        self.assertInvisible(self.manager, self.case, "managers read the figures, not the situations")
        # A new consent restores sharing.
        self.env["parcours.consent"].with_user(self.referent).create({"case_id": self.case.id, "consent_type": "share"})
        self.assertVisible(self.ext, self.case)

    def test_withdrawal_by_a_professional_who_then_loses_access(self):
        share = self.case.consent_ids.filtered(lambda c: c.consent_type == "share")
        share.with_user(self.ext).action_withdraw(reason="Demande orale")
        self.assertInvisible(self.ext, self.case)
        self.assertIn("withdrawn", self.case.message_ids[0].body)
        self.assertEqual(self.case.message_ids[0].author_id, self.ext.partner_id)

    def test_intervention_end_removes_access_at_once(self):
        line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)
        self.case.with_user(self.ext).read(["name"])
        line.with_user(self.referent).action_end()
        self.assertFalse(line.is_active)
        self.assertInvisible(self.ext, self.case)
        with self.assertRaises(AccessError):
            self.case.with_user(self.ext).read(["name"])
        self.assertNotIn(self.ext.partner_id, self.case.message_partner_ids)

    def test_end_date_reached_removes_access(self):
        line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)
        line.date_end = fields.Date.add(fields.Date.today(), days=1)
        self.assertVisible(self.ext, self.case)
        line.date_end = fields.Date.today()
        self.assertInvisible(self.ext, self.case, "the end date itself is the first day without access")

    def test_refused_subject_hides_notes_from_other_intervenants(self):
        Note = self.env["parcours.note"]
        health = Note.with_user(self.pro).create(
            {
                "case_id": self.case.id,
                "subject": "Suivi médical",
                "domain_id": self.domain_health.id,
                "body": "<p>Rendez-vous au CMP</p>",
            }
        )
        housing = Note.with_user(self.pro).create(
            {"case_id": self.case.id, "subject": "Logement", "domain_id": self.domain_housing.id}
        )
        self.assertVisible(self.ext, health)
        refusal = (
            self.env["parcours.refused.subject"]
            .with_user(self.referent)
            .create(
                {
                    "case_id": self.case.id,
                    "domain_id": self.domain_health.id,
                    "note": "Ne souhaite pas que la santé soit abordée",
                }
            )
        )
        self.assertTrue(health.restricted)
        self.assertFalse(housing.restricted)
        for manager in (self.manager, self.admin):
            self._open_exceptionally(manager, self.case)
        for user in (self.ext, self.referent, self.manager, self.admin):
            with self.subTest(user=user.login):
                self.assertInvisible(user, health)
                self.assertVisible(user, housing)
                self.env.invalidate_all()
                self.assertNotIn(health, self.case.with_user(user).note_ids)
                with self.assertRaises(AccessError):
                    health.with_user(user).read(["body"])
                groups = Note.with_user(user).read_group([("case_id", "=", self.case.id)], ["domain_id"], ["domain_id"])
                self.assertNotIn(self.domain_health.id, [g["domain_id"][0] for g in groups if g["domain_id"]])
        self.assertVisible(self.pro, health, "the author keeps their note")
        # The person explicitly allows ext.
        refusal.allowed_intervenant_ids = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)
        self.assertVisible(self.ext, health)
        self.assertInvisible(self.referent, health)
        # New notes on that subject are restricted from the start.
        later = Note.with_user(self.referent).create(
            {"case_id": self.case.id, "subject": "Santé", "domain_id": self.domain_health.id}
        )
        self.assertInvisible(self.pro, later)
        # Lifting the refusal shares the notes again.
        refusal.active = False
        self.assertFalse(health.restricted)
        self.assertVisible(self.referent, health)

    def test_person_partner_flag_is_kept(self):
        self.assertTrue(self.person.parcours_is_person)
        self.assertTrue(self.case.joined)
