from datetime import timedelta
from unittest.mock import patch

from lxml import html

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import IrMailServer, MailDeliveryException

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestCommissionInvitations(ParcoursCommon):
    """Letters, e-mails, calendar invitations: what leaves, to whom, and what never shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.session = cls._create_session(days=20)
        cls.expert = cls.env["res.partner"].create(
            {"name": "Docteur Marie Lenoir", "email": "lenoir@example.com", "function": "Médecin de PMI"}
        )
        cls.env["parcours.note"].create(
            {"case_id": cls.case.id, "subject": "Dette de loyer de 4 200 euros", "body": "<p>Expulsion envisagée</p>"}
        )
        cls.passage = cls.env["parcours.passage"].create(
            {
                "case_id": cls.case.id,
                "commission_id": cls.session.id,
                "purpose": "Faire le point sur le logement avec vous.",
            }
        )
        cls.passage.invitee_ids = [Command.create({"partner_id": cls.expert.id, "role": "expert"})]

    def _send(self, commission=None, reason=None, user=None):
        commission = commission or self.session
        wizard = Form(
            self.env["parcours.commission.invite"]
            .with_user(user or self.secretary)
            .with_context(default_commission_id=commission.id)
        )
        if reason:
            wizard.late_reason = reason
        return wizard.save().action_send()

    def _letter_tree(self, invitee):
        content = self.env["ir.actions.report"]._render_qweb_html(
            "referent_parcours.action_report_parcours_invitation", invitee.ids
        )[0]
        return html.fromstring(content)

    def test_invitees_and_calendar_event(self):
        """Everyone invited is an attendee of a private, neutral event; nothing is sent before the letters."""
        invitees = self.passage.invitee_ids
        expected = (
            self.person
            | self.pro.partner_id
            | self.ext.partner_id
            | self.referent.partner_id
            | self.pilot.partner_id
            | self.expert
        )
        self.assertEqual(invitees.partner_id, expected)
        event = self.passage.event_id
        self.assertEqual(event.partner_ids, expected)
        self.assertEqual(event.privacy, "private")
        self.assertEqual(event.alarm_ids, self.site.alarm_ids)
        self.assertEqual(event.location, self.site.venue)
        self.assertEqual(event.start, self.passage.start)
        for text in (event.name, event.description or "", event.location):
            for secret in (self.person.name, self.case.name, "Léa", "loyer", "Expulsion"):
                self.assertNotIn(secret, text, f"The calendar event must not reveal {secret!r}")
        self.assertFalse(
            self.env["mail.mail"].search([("email_to", "ilike", "durand@example.com")]),
            "Odoo's own invitation is not sent when the event is created",
        )

    def test_attendees_follow_invitees(self):
        event = self.passage.event_id
        expert_line = self.passage.invitee_ids.filtered(lambda i: i.partner_id == self.expert)
        other = self.env["res.partner"].create({"name": "Éducatrice PJJ", "email": "pjj@example.com"})
        expert_line.partner_id = other
        self.assertIn(other, event.partner_ids)
        self.assertNotIn(self.expert, event.partner_ids)
        expert_line.unlink()
        self.assertNotIn(other, event.partner_ids)
        self.passage.invitee_ids = [Command.create({"partner_id": self.expert.id, "role": "expert"})]
        self.assertIn(self.expert, event.partner_ids)
        self.assertEqual(len(event.attendee_ids), len(self.passage.invitee_ids))

    def test_letter_names_everyone_and_says_how_to_refuse(self):
        family_line = self.passage.invitee_ids.filtered(lambda i: i.role == "person")
        tree = self._letter_tree(family_line)
        text = " ".join(tree.text_content().split())
        invitees = [" ".join(li.text_content().split()) for li in tree.xpath("//ul[@name='invitees']/li")]
        self.assertEqual(len(invitees), len(self.passage.invitee_ids))
        for name in self.passage.invitee_ids.mapped("name"):
            self.assertTrue(any(name in line for line in invitees), f"{name} is named in the letter")
        self.assertIn("Invitation to a meeting about your situation", text)
        self.assertIn(self.session._format_long_date(self.passage.start), text)
        self.assertIn("from 09:00 to 10:30", text)
        self.assertIn(self.site.venue, tree.xpath("string(//td[@name='where'])"))
        self.assertIn("Faire le point sur le logement avec vous.", tree.xpath("string(//td[@name='why'])"))
        self.assertIn(
            "may refuse that a subject be discussed",
            " ".join(tree.xpath("string(//p[@name='refuse_subjects'])").split()),
        )
        self.assertIn("without judging", tree.xpath("string(//div[@name='charter'])"))
        self.assertIn(self.pilot.name, text)
        for secret in ("loyer", "Expulsion"):
            self.assertNotIn(secret, text)

        partner_tree = self._letter_tree(self.passage.invitee_ids.filtered(lambda i: i.partner_id == self.expert))
        partner_text = " ".join(partner_tree.text_content().split())
        self.assertIn(f"about the situation of {self.passage.case_label}", partner_text)
        self.assertIn("The person or the family may refuse", partner_text)

    def test_letter_is_french_for_french_readers(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["referent_parcours"], ["fr_FR"], overwrite=True)
        self.person.lang = "fr_FR"
        family_line = self.passage.invitee_ids.filtered(lambda i: i.role == "person")
        text = " ".join(self._letter_tree(family_line).text_content().split())
        self.assertIn("Invitation à une rencontre au sujet de votre situation", text)
        self.assertIn("de 09:00 à 10:30", text)

    def test_emails_are_templates_administrators_edit_in_each_readers_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["referent_parcours"], ["fr_FR"], overwrite=True)
        self.person.lang = "fr_FR"
        template = self.env.ref("referent_parcours.mail_template_parcours_invitation")
        template.with_context(lang="en_US").subject = "Meeting: {{ object.commission_id.name }}"
        invitees = self._send_and_get()
        family_mail = invitees.filtered(lambda i: i.role == "person").mail_id
        self.assertTrue(family_mail.subject.startswith("Invitation : "), family_mail.subject)
        family_text = " ".join(html.fromstring(family_mail.body_html).text_content().split())
        self.assertIn("Vous êtes invité à", family_text)
        self.assertIn("de 09:00 à 10:30", family_text)
        self.assertIn("Je viendrai", family_text)
        pro_mail = invitees.filtered(lambda i: i.partner_id == self.pro.partner_id).mail_id
        self.assertTrue(pro_mail.subject.startswith("Meeting: "), "the administrator's wording, in English")
        self.assertIn("You are invited to", pro_mail.body_html)

    def test_notice_rule_refuses_without_reason_and_sends_nothing(self):
        late = self._create_session(days=10)
        passage = self.env["parcours.passage"].create({"case_id": self.other_case.id, "commission_id": late.id})
        mails_before = self.env["mail.mail"].search_count([])
        with self.assertRaisesRegex(AssertionError, "late_reason is a required field"):
            self._send(late)
        with self.assertRaisesRegex(UserError, "Give the reason for sending late"):
            late.with_user(self.secretary)._send_invitations(late_reason="   ")
        self.assertEqual(late.state, "planned")
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before, "Nothing half-sent")
        self.assertFalse(passage.invitee_ids.letter_id)

        self._send(late, reason="Menace d'expulsion dans quinze jours")
        self.assertEqual(late.state, "invited")
        self.assertEqual(late.invitation_late_reason, "Menace d'expulsion dans quinze jours")
        self.assertTrue(all(passage.invitee_ids.mapped("letter_id")))

    def test_on_time_needs_no_reason(self):
        self._send()
        self.assertEqual(self.session.state, "invited")
        self.assertFalse(self.session.invitation_late_reason)

    def test_past_session_is_refused(self):
        past = self._create_session(days=-2)
        self.env["parcours.passage"].create({"case_id": self.other_case.id, "commission_id": past.id})
        with self.assertRaisesRegex(UserError, "in the past"):
            past._send_invitations(late_reason="Trop tard")

    def test_sending_produces_letters_mails_and_a_note_on_the_situation(self):
        self.expert.email = False
        invitees = self._send_and_get()
        emailed = invitees.filtered(lambda i: i.partner_id != self.expert)
        self.assertEqual(set(emailed.mapped("invitation_state")), {"queued"})
        expert_line = invitees - emailed
        self.assertEqual(expert_line.invitation_state, "post", "No e-mail: the letter is still produced, for the post")
        self.assertTrue(expert_line.letter_id)
        self.assertFalse(expert_line.mail_id)

        for invitee in emailed:
            mail = invitee.mail_id
            self.assertIn(invitee.partner_id.email, mail.email_to)
            self.assertEqual(len(mail.attachment_ids), 2)
            self.assertIn("text/calendar", mail.attachment_ids.mapped("mimetype"))
            self.assertIn(invitee.letter_id, mail.attachment_ids)
            self.assertNotIn(self.person.name, mail.subject)
            body = html.fromstring(mail.body_html)
            self.assertTrue(body.xpath("//a[contains(@href, '/calendar/meeting/accept')]"))
            for secret in ("loyer", "Expulsion", self.case.name):
                self.assertNotIn(secret, mail.body_html)
        ics = emailed[0].mail_id.attachment_ids.filtered(lambda a: a.mimetype == "text/calendar").raw.decode()
        self.assertIn(f"SUMMARY:{self.passage.event_id.name}", ics.replace("\r\n ", ""))
        self.assertNotIn("loyer", ics)

        letters = invitees.letter_id
        self.assertEqual(
            set(letters.mapped("res_model")), {"parcours.passage"}, "filed on the passage, not in the situation's file"
        )
        self.assertEqual(set(letters.mapped("res_id")), {self.passage.id})
        note = self.case.message_ids.filtered(lambda m: m.attachment_ids & letters)
        self.assertEqual(len(note), 1, "The sending is logged once in the situation's chatter")
        self.assertIn(self.expert.name, note.body)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))

        self.env["mail.mail"].browse(emailed.mail_id.ids).send()
        self.assertEqual(set(emailed.mapped("invitation_state")), {"sent"})
        self.assertEqual(self.passage.invitation_state, "sent")

    def _send_and_get(self):
        self._send()
        return self.passage.invitee_ids

    def test_failed_email_stays_visible_and_can_be_sent_again(self):
        invitees = self._send_and_get()
        family_line = invitees.filtered(lambda i: i.role == "person")
        with (
            patch.object(IrMailServer, "send_email", side_effect=MailDeliveryException("Boîte pleine")),
            mute_logger("odoo.addons.mail.models.mail_mail"),
        ):
            family_line.mail_id.send(raise_exception=False)
        self.assertEqual(family_line.invitation_state, "failed")
        self.assertIn("Boîte pleine", family_line.failure_reason)
        self.assertEqual(self.passage.invitation_state, "failed")
        self.assertTrue(family_line.letter_id, "The letter is not lost")
        undelivered = (
            self.env["parcours.passage"].with_user(self.secretary).search([("invitation_state", "=", "failed")])
        )
        self.assertEqual(undelivered, self.passage.with_user(self.secretary), "The secretary's filter finds it")
        self.assertFalse(
            self.env["parcours.passage"].with_user(self.pro_other).search([("invitation_state", "=", "failed")]),
            "The filter shows no passage the user may not see",
        )

        old_mail = family_line.mail_id
        self.person.email = "durand.famille@example.com"
        family_line.with_user(self.secretary).action_send_again()
        self.assertNotEqual(family_line.mail_id, old_mail)
        self.assertIn("durand.famille@example.com", family_line.mail_id.email_to)
        family_line.mail_id.send()
        self.assertEqual(family_line.invitation_state, "sent")

    def test_answers_and_time_changes_show_on_the_passage(self):
        invitees = self._send_and_get()
        family_line = invitees.filtered(lambda i: i.role == "person")
        attendee = self.passage.event_id.attendee_ids.filtered(lambda a: a.partner_id == self.person)
        attendee.do_accept()
        self.assertEqual(family_line.answer, "accepted")
        self.passage.event_id.attendee_ids.filtered(lambda a: a.partner_id == self.expert).do_decline()
        self.assertEqual(invitees.filtered(lambda i: i.partner_id == self.expert).answer, "declined")

        self.passage.write(
            {"start": self.passage.start + timedelta(hours=1), "stop": self.passage.stop + timedelta(hours=1)}
        )
        self.assertEqual(set(invitees.mapped("invitation_state")), {"outdated"}, "A new time calls for new letters")
        self.assertEqual(self.passage.event_id.start, self.passage.start)
        self._send()
        self.assertEqual(set(invitees.mapped("invitation_state")), {"queued"})
