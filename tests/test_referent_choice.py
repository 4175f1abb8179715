from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ParcoursCommon

SIGNATURE = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


@tagged("post_install", "-at_install")
class TestReferentChoice(ParcoursCommon):
    """The person may decline a référent; a référent's mission runs for a given time; a signed decision record
    designates or confirms; a professional who leaves hands over; the approach is for two fields or more."""

    def _designate_wizard(self, case, user, **values):
        wizard = Form(self.env["parcours.referent.designate"].with_user(user).with_context(default_case_id=case.id))
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard.save()

    def _accepted_case(self, name, users=None):
        person = self.env["res.partner"].create({"name": name})
        case = self._create_case(person, users or [self.pro, self.ext])
        case.intervenant_ids.filtered(lambda i: i.user_id == self.pro).is_proposer = True
        return case

    # 1. No référent, by the person's choice --------------------------------------------------------

    def test_person_declines_a_referent_and_stays_in_the_approach(self):
        case = self._accepted_case("Monsieur Lambert")
        wizard = self._designate_wizard(
            case, self.pro, person_choice="declined", declined_method="written", declined_note="A répondu « Non »"
        )
        wizard.action_designate()
        self.assertFalse(case.referent_designation_ids, "nothing is designated")
        self.assertTrue(case.referent_declined)
        self.assertEqual(case.referent_declined_date, fields.Date.today())
        self.assertEqual(case.referent_declined_method, "written")
        self.assertIn("declines to designate", case.message_ids[0].body)
        case.with_user(self.pro).action_activate()
        self.assertEqual(case.state, "active", "an active situation without a référent, by the person's choice")
        self.assertTrue(case.with_user(self.pro).access_answering, "the proposer answers the person meanwhile")
        # The steering counts it.
        self.env.flush_all()
        Steering = self.env["parcours.steering.situation"].with_user(self.manager)
        declined = Steering.search([("referent_declined", "=", True)]).ids
        self.assertIn(case.id, declined)
        self.assertNotIn(self.case.id, declined)
        # Later, the person chooses one: the refusal no longer holds.
        self._designate_wizard(case, self.pro, intervenant_id=case.intervenant_ids[0]).action_designate()
        self.assertFalse(case.referent_declined)
        self.assertTrue(case.referent_intervenant_id)

    def test_declined_needs_who_answers_the_person(self):
        case = self._accepted_case("Madame Roy")
        # A professional who follows but does not answer the person (the référent is someone else here).
        self._designate_wizard(case, self.pro, intervenant_id=case.intervenant_ids[0]).action_designate()
        with self.assertRaises(AccessError):
            case.with_user(self.ext)._record_referent_declined(fields.Date.today(), "interview")
        # An uninvolved professional cannot even open the assistant.
        with self.assertRaises(AccessError):
            self.env["parcours.referent.designate"].with_user(self.pro_other).with_context(
                default_case_id=case.id
            ).default_get(["case_id"])
        with self.assertRaises(AccessError):
            case.with_user(self.pro_other)._record_referent_declined(fields.Date.today(), "interview")
        with self.assertRaises(AccessError):
            case.with_user(self.ext).write({"referent_declined": True})
        self.assertFalse(case.referent_declined)
        # Declining while a référent runs: the designation ends first, in the same step.
        self._designate_wizard(
            case, self.pro, person_choice="declined", end_reason="person_choice", declined_method="interview"
        ).action_designate()
        self.assertTrue(case.referent_declined)
        self.assertFalse(case.referent_intervenant_id)

    def test_activation_still_needs_a_referent_or_the_persons_refusal(self):
        case = self._accepted_case("Monsieur Blanc")
        with self.assertRaisesRegex(UserError, "declines to have one"):
            case.action_activate()

    # 2. Planned end and review ---------------------------------------------------------------------

    def test_planned_end_calls_for_a_successor(self):
        designation = self.case.referent_designation_ids
        designation.write(
            {
                "date_planned_end": fields.Date.add(fields.Date.today(), days=30),
                "date_review": fields.Date.add(fields.Date.today(), days=15),
            }
        )
        self.assertFalse(self.case.referent_intervenant_id.date_end, "the professional's own line runs on")
        self.assertEqual(self.case.referent_mission_end, designation.date_planned_end)
        self.assertTrue(self.case.referent_succession_due)
        self.assertIn(self.case, self.env["parcours.case"].search([("referent_succession_due", "=", True)]))
        self.env["parcours.case"]._cron_referent_continuity()
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("referent_parcours.mail_activity_type_referent_succession")
        )
        self.assertEqual(activity.date_deadline, designation.date_planned_end)
        with self.assertRaises(AccessError):
            designation.with_user(self.pro).write({"date_planned_end": fields.Date.today()})

    # 3. Decision record -> designation -------------------------------------------------------------

    def _validated_releve(self, case, intervenant, confirmed=True, family_signs=True):
        self._staff_site()
        session = self._create_session(days=-10)
        passage = self.env["parcours.passage"].create({"case_id": case.id, "commission_id": session.id})
        releve = self.env["parcours.releve"].browse(passage.action_open_releve()["res_id"])
        releve.write({"referent_intervenant_id": intervenant.id, "referent_confirmed": confirmed})
        for line in releve.signature_ids:
            if line.role == "family" and not family_signs:
                line.write({"refused": True})
            else:
                line.write({"signature": SIGNATURE})
        releve.action_validate()
        return releve

    def test_signed_record_designates_the_referent_it_names(self):
        new = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        first = self.case.referent_designation_ids
        releve = self._validated_releve(self.case, new)
        self.assertEqual(self.case.referent_intervenant_id, new)
        designation = self.case.referent_designation_ids.filtered(lambda d: not d.date_end)
        self.assertEqual(designation.passage_id, releve.passage_id)
        self.assertEqual(designation.agreement, "releve")
        self.assertTrue(designation.designated_in_commission)
        self.assertEqual(first.end_reason, "person_choice")

    def test_signed_record_confirms_the_current_referent(self):
        current = self.case.referent_designation_ids
        releve = self._validated_releve(self.case, current.intervenant_id)
        self.assertEqual(self.case.referent_designation_ids, current, "no new designation")
        self.assertEqual(current.date_confirmed, releve.date)
        self.assertEqual(current.confirmed_passage_id, releve.passage_id)

    def test_without_the_familys_signature_nothing_is_designated(self):
        new = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        current = self.case.referent_designation_ids
        self._validated_releve(self.case, new, family_signs=False)
        self.assertEqual(self.case.referent_designation_ids, current)
        self.assertEqual(self.case.referent_intervenant_id, current.intervenant_id)

    # 6. Continuity when a professional leaves ------------------------------------------------------

    def _hand_over(self, manager, departing, successor):
        wizard = Form(self.env["parcours.referent.handover"].with_user(manager))
        wizard.departing_user_id = departing
        wizard.successor_user_id = successor
        return wizard.save()

    def test_manager_hands_over_and_former_referent_reads_for_the_period(self):
        self.case.sudo().company_id.parcours_handover_days = 30
        wizard = self._hand_over(self.manager, self.referent, self.pro_other)
        self.assertEqual(len(wizard.line_ids), 1)
        self.assertEqual(wizard.line_ids.case_reference, self.case.name)
        self.assertTrue(wizard.line_ids.was_referent)
        wizard.action_handover()
        self.assertFalse(self.case.referent_intervenant_id, "the successor is proposed, not designated")
        ended = self.case.referent_designation_ids
        self.assertEqual(ended.end_reason, "professional_left")
        successor = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro_other)
        self.assertTrue(successor.is_active and successor.proposed_successor)
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("referent_parcours.mail_activity_type_referent_takeover")
        )
        self.assertEqual(activity.user_id, self.pro_other)
        self.assertIn("Confirm with the person", activity.note)
        # The successor answers the person until they choose: they designate with the person's agreement.
        self.assertTrue(self.case.with_user(self.pro_other).access_answering)
        # The former référent reads, read only.
        self.assertVisible(self.referent, self.case)
        self.assertVisible(self.referent, self.case.intervenant_ids)
        self.assertVisible(self.referent, self.case.referent_designation_ids)
        self.assertFalse(self.case.with_user(self.referent).access_answering)
        with self.assertRaises(AccessError):
            self.case.with_user(self.referent).write({"person_expectations": "changé"})
        with self.assertRaises(AccessError):
            self.env["parcours.note"].with_user(self.referent).create(
                {"case_id": self.case.id, "subject": "x", "date": fields.Date.today()}
            )
        # Their read is logged like any other.
        self.case.with_user(self.referent).web_read({"name": {}})
        self.env["parcours.access.log"]._flush_pending()
        log = self.env["parcours.access.log"].search(
            [("case_id", "=", self.case.id), ("user_id", "=", self.referent.id)]
        )
        self.assertTrue(log)
        # Nobody else gains anything: an uninvolved professional still sees nothing.
        self.assertInvisible(self.pro, self.other_case)
        self.assertInvisible(self.referent, self.other_case)
        # After the period, the access is gone.
        with freeze_time(fields.Date.add(fields.Date.today(), days=30)):
            self.env.invalidate_all()
            self.assertInvisible(self.referent, self.case)
        with freeze_time(fields.Date.add(fields.Date.today(), days=29)):
            self.env.invalidate_all()
            self.assertVisible(self.referent, self.case)
        # The successor ends the handover early.
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            ended.with_user(self.pro).action_end_handover()
        ended.with_user(self.pro_other).action_end_handover()
        self.env.invalidate_all()
        self.assertInvisible(self.referent, self.case)
        self.assertInvisible(self.referent, self.case.intervenant_ids)
        # The successor designates themselves once the person agrees.
        self._designate_wizard(
            self.case, self.pro_other, intervenant_id=successor, agreement="interview"
        ).action_designate()
        self.assertEqual(self.case.referent_user_id, self.pro_other)

    def test_no_handover_reading_when_the_person_chose_someone_else(self):
        new = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        self._designate_wizard(
            self.case, self.referent, intervenant_id=new, end_reason="person_choice"
        ).action_designate()
        line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.referent)
        line.with_user(self.pro).write({"date_end": fields.Date.today(), "end_reason": "Fin"})
        self.assertInvisible(self.referent, self.case)

    def test_handover_attackers(self):
        # A manager of another organisation.
        with self.assertRaises(AccessError):
            self._hand_over(self.manager_b, self.referent, self.ext_other)
        wizard = self._hand_over(self.manager_b, self.ext, self.ext_other)
        self.assertFalse(wizard.line_ids, "the situation is kept by another organisation")
        referent_line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.referent)
        wizard.write(
            {
                "line_ids": [
                    Command.create(
                        {"intervenant_key": referent_line.id, "case_reference": "x", "successor_user_id": self.ext.id}
                    )
                ]
            }
        )
        with self.assertRaises(AccessError):
            wizard.action_handover()
        # A professional who is not a manager.
        with self.assertRaises(AccessError):
            self._hand_over(self.pro, self.referent, self.pro_other)
        # The manager does not read the situation itself.
        self.assertInvisible(self.manager, self.case)
        self.assertTrue(self.case.referent_intervenant_id)
        # A client cannot flag themselves as proposed successor.
        line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        with self.assertRaises(AccessError):
            line.with_user(self.referent).write({"proposed_successor": True})

    # 7. Eligibility --------------------------------------------------------------------------------

    def test_accepting_below_two_fields_asks_and_records(self):
        person = self.env["res.partner"].create({"name": "Madame Petit"})
        case = self.env["parcours.case"].with_user(self.pro).create({"partner_id": person.id, "site_id": self.site.id})
        case.write({"consent_ids": [Command.create({"consent_type": "join", "method": "oral"})]})
        self.assertFalse(case.eligible)
        self.assertEqual(case.eligibility_field_count, 1)
        action = case.with_context(parcours_ask_eligibility=True).action_accept()
        self.assertEqual(action["res_model"], "parcours.case.accept")
        self.assertEqual(case.state, "proposed", "nothing is accepted before the confirmation")
        wizard = (
            self.env["parcours.case.accept"]
            .with_user(self.pro)
            .with_context(**action["context"])
            .create({"note": "Une assistante sociale scolaire va intervenir"})
        )
        wizard.action_confirm()
        self.assertEqual(case.state, "accepted")
        self.assertEqual(case.eligibility_confirmed_by_id, self.pro)
        self.assertEqual(case.eligibility_confirmed_on, fields.Date.today())
        self.assertEqual(case.eligibility_note, "Une assistante sociale scolaire va intervenir")
        with self.assertRaises(AccessError):
            self.env["parcours.case.accept"].with_user(self.pro_other).create({"case_id": case.id})

    def test_two_fields_accept_without_question(self):
        person = self.env["res.partner"].create({"name": "Monsieur Faure"})
        case = (
            self.env["parcours.case"]
            .with_user(self.pro)
            .create(
                {
                    "partner_id": person.id,
                    "site_id": self.site.id,
                    "consent_ids": [Command.create({"consent_type": "join", "method": "oral"})],
                    "intervenant_ids": [Command.create(self._intervenant_vals(self.ext))],
                }
            )
        )
        self.assertTrue(case.eligible)
        self.assertTrue(case.with_context(parcours_ask_eligibility=True).action_accept())
        self.assertEqual(case.state, "accepted")
        self.assertFalse(case.eligibility_confirmed_by_id)
