from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .test_portal import PortalData

# Opening the closing assistant on a situation with its plan in force (warm): the situation, the plan, its goals.
CLOSE_OPEN_QUERIES = 8


@tagged("post_install", "-at_install")
class TestCaseClosing(PortalData):
    """The approach ends with a reason, a last review, a hand-over and a letter; the person's withdrawals are
    followed through."""

    def _close_form(self, user):
        return Form(self.env["parcours.case.close"].with_user(user).with_context(default_case_id=self.case.id))

    # 5. Ending ---------------------------------------------------------------------------------------

    def test_closing_wizard_closes_everything_and_files_the_letter(self):
        projet = self.case._projet_in_force()
        self.assertEqual(projet, self.releve.projet_id, "the plan adopted at the last commission (under review)")
        goal = projet.objective_ids
        designation = self.case.referent_designation_ids
        self.assertEqual(self.space.state, "active")
        action = self.case.with_user(self.referent).action_open_close()
        self.assertEqual(action["res_model"], "parcours.case.close")
        form = self._close_form(self.referent)
        self.assertEqual(form.projet_id, projet)
        self.assertEqual(len(form.line_ids), 1)
        form.reason = "handover_pacea"
        form.handover_structure = "Mission locale de Lens-Liévin (PACEA)"
        form.handover_contact = "Inès Caron, 03 21 00 00 00"
        form.comment = "Je veux continuer avec la Mission locale."
        with form.line_ids.edit(0) as line:
            line.outcome = "achieved"
            line.comment = "Un logement plus grand depuis mars."
        form.save().action_close()

        self.assertEqual(self.case.state, "closed")
        self.assertEqual(self.case.close_reason_code, "handover_pacea")
        self.assertEqual(self.case.close_decided, "person")
        self.assertEqual(self.case.handover_structure, "Mission locale de Lens-Liévin (PACEA)")
        self.assertEqual(self.case.handover_date, fields.Date.today())
        self.assertEqual(self.case.close_projet_id, projet)
        self.assertEqual(goal.status, "achieved")
        self.assertEqual(projet.state, "closed")
        self.assertEqual(self.space.state, "revoked")
        self.assertEqual(designation.end_reason, "case_closed")
        letter = self.case.close_letter_id
        self.assertEqual((letter.res_model, letter.res_id), ("parcours.case", self.case.id))
        self.assertIn(letter, self.case.message_ids.attachment_ids)
        # The letter, rendered and read.
        tree = html.fromstring(letter.raw)
        text = " ".join(tree.text_content().split())
        self.assertTrue(tree.xpath("//*[@name='subject']"))
        self.assertIn(self.person.name, tree.xpath("string(//*[@name='addressee'])"))
        goals = tree.xpath("//table[@name='goals']//tbody/tr")
        self.assertEqual(len(goals), 1)
        self.assertIn("Trouver un logement plus grand", goals[0].text_content())
        self.assertIn("Achieved", goals[0].text_content())
        self.assertIn("Mission locale de Lens-Liévin (PACEA)", tree.xpath("string(//table[@name='handover'])"))
        self.assertIn("Inès Caron", text)
        self.assertIn("takes over your accompaniment", tree.xpath("string(//*[@name='reason'])"))
        self.assertTrue(tree.xpath("//*[@name='confidentiality']"))
        self.assertIn(self.referent.name, tree.xpath("string(//*[@name='signatory'])"))
        self.assertNotIn("Je veux continuer", text, "what was said stays in the file")

    def test_decided_in_commission_names_the_passage(self):
        form = self._close_form(self.referent)
        form.reason = "goals_reached"
        form.decided = "commission"
        form.passage_id = self.past_passage
        form.save().action_close()
        self.assertEqual(self.case.close_passage_id, self.past_passage)
        tree = html.fromstring(self.case.close_letter_id.raw)
        self.assertIn("meeting of", tree.xpath("string(//*[@name='ended'])"))

    def test_handover_needs_the_receiving_structure(self):
        form = self._close_form(self.referent)
        form.reason = "handover_maia"
        with self.assertRaises(AssertionError):
            form.save()  # required on the screen
        wizard = (
            self.env["parcours.case.close"]
            .with_user(self.referent)
            .create({"case_id": self.case.id, "reason": "handover_maia", "decided": "person"})
        )
        with self.assertRaisesRegex(UserError, "takes over"):
            wizard.action_close()
        self.assertEqual(self.case.state, "active")

    def test_only_who_answers_the_person_closes(self):
        for user in (self.pro, self.ext, self.secretary):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.case.with_user(user).action_open_close()
                wizard = (
                    self.env["parcours.case.close"]
                    .with_user(user)
                    .create({"case_id": self.case.id, "reason": "person_stops", "decided": "person"})
                )
                with self.assertRaises(AccessError):
                    wizard.action_close()
        for user in (self.pro_other, self.ext_other, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["parcours.case.close"].with_user(user).with_context(default_case_id=self.case.id).default_get(
                    ["case_id", "line_ids"]
                )
        self.assertEqual(self.case.state, "active")
        # A goal of another situation cannot be slipped into the review.
        other_goal = self.env["parcours.objective"].create(
            {
                "projet_id": self.env["parcours.projet"].create({"case_id": self.other_case.id}).id,
                "domain_id": self.domain_health.id,
                "name": "Autre",
            }
        )
        wizard = self.env["parcours.case.close"].create(
            {
                "case_id": self.case.id,
                "reason": "person_stops",
                "decided": "person",
                "line_ids": [Command.create({"objective_id": other_goal.id, "outcome": "abandoned"})],
            }
        )
        with self.assertRaisesRegex(UserError, "plan in force"):
            wizard.with_user(self.referent).action_close()
        self.assertEqual(other_goal.status, "todo")

    def test_opening_the_closing_assistant_query_budget(self):
        Wizard = self.env["parcours.case.close"].with_user(self.referent).with_context(default_case_id=self.case.id)
        fields_list = ["case_id", "reason", "decided", "projet_id", "line_ids"]
        Wizard.default_get(fields_list)
        self.env.invalidate_all()
        with self.assertQueryCount(CLOSE_OPEN_QUERIES):
            values = Wizard.default_get(fields_list)
        self.assertEqual(len(values["line_ids"]), 1)

    def test_withdrawing_the_agreement_to_join_opens_the_closing(self):
        join = self.case.consent_ids.filtered(lambda c: c.consent_type == "join")
        action = (
            self.env["parcours.consent.withdraw"]
            .with_user(self.referent)
            .create({"consent_id": join.id, "reason": "Ne veut plus"})
            .action_withdraw()
        )
        self.assertEqual(action["res_model"], "parcours.case.close")
        self.assertEqual(action["context"]["default_case_id"], self.case.id)

    def test_agreement_withdrawn_elsewhere_asks_the_referent(self):
        join = self.case.consent_ids.filtered(lambda c: c.consent_type == "join")
        action = (
            self.env["parcours.consent.withdraw"]
            .with_user(self.pro)
            .create({"consent_id": join.id, "reason": "Me l'a dit au téléphone"})
            .action_withdraw()
        )
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("referent_parcours.mail_activity_type_case_close")
        )
        self.assertEqual(activity.user_id, self.referent)
        self.assertEqual(self.case.state, "active", "the approach ends with the person, through the assistant")

    # 4. Withdrawal of the consent to commission ----------------------------------------------------

    def test_withdrawing_commission_consent_cancels_future_passages(self):
        Form(
            self.env["parcours.commission.invite"]
            .with_user(self.secretary)
            .with_context(default_commission_id=self.commission.id)
        ).save().action_send()
        told = self.passage.invitee_ids.filtered("mail_id")
        self.assertTrue(told)
        request = self.env["parcours.passage"].create({"case_id": self.case.id})
        event = self.passage.event_id
        self.assertTrue(event.active)
        past_state = self.past_passage.state
        commission = self.case.consent_ids.filtered(lambda c: c.consent_type == "commission")
        self.env["parcours.consent.withdraw"].with_user(self.ext).create(
            {"consent_id": commission.id, "reason": "Ne veut plus qu'on parle de lui"}
        ).action_withdraw()

        self.assertEqual(self.passage.state, "cancelled")
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(self.past_passage.state, past_state, "what already took place stays")
        self.assertFalse(event.active, "the event leaves the calendars")
        mails = self.env["mail.mail"].search([("subject", "like", "Cancelled:")])
        self.assertEqual(len(mails), len(told.filtered(lambda i: i._can_be_emailed())))
        for mail in mails:
            self.assertNotIn(self.person.name, mail.subject)
            self.assertIn(self.commission.name, mail.subject)
            for secret in ("Ne veut plus", "consent", "consentement", self.case.name):
                self.assertNotIn(secret, mail.body_html)
        self.assertIn(self.person.email, mails.mapped("email_to")[0] + " ".join(mails.mapped("email_to")))
        activities = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("referent_parcours.mail_activity_type_commission_consent_withdrawn")
        )
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.referent)
        self.assertTrue(any(self.commission.name in a.note for a in activities))
        self.assertTrue(all("withdrew their consent to commission" in a.note for a in activities))

    def test_closing_demo_like_call(self):
        """The demo closes through the assistant's method, as the superuser would."""
        self.env["parcours.case.close"]._close_with(
            {"case_id": self.case.id, "reason": "moved_away", "decided": "person"}
        )
        self.assertEqual(self.case.state, "closed")
        self.assertTrue(self.case.close_letter_id)
