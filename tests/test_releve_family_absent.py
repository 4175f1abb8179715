from lxml import html

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import ParcoursCommon

SIGNATURE = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
RELEVE = "referent_parcours.action_report_parcours_releve"


@tagged("post_install", "-at_install")
class TestReleveFamilyAbsent(ParcoursCommon, MockEmail):
    """A passage held without the family is validated honestly: the family's line says "absent — held without
    the family", not a false refusal to sign; the record prints it and still reaches the family."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.session = cls._create_session(days=10)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.session.id})
        cls.passage.invitee_ids.write({"attendance": "present"})
        cls.passage.invitee_ids.filtered(lambda i: i.role == "person").attendance = "absent"

    def _hold_without_family(self, user=None):
        wizard_action = self.passage.with_user(user or self.pilot).action_hold_without_family()
        wizard = Form(
            self.env[wizard_action["res_model"]].with_user(user or self.pilot).with_context(**wizard_action["context"])
        )
        wizard.reason = "Madame Durand a prévenu le matin même : enfant malade. Passage tenu avec son accord."
        wizard.save().action_confirm()

    def _releve(self, user=None):
        action = self.passage.with_user(user or self.secretary).action_open_releve()
        return self.env["parcours.releve"].browse(action["res_id"]).with_user(user or self.secretary)

    def _sign_professionals(self, releve):
        for line in releve.signature_ids.filtered(lambda s: s.role != "family"):
            line.signature = SIGNATURE

    def test_held_without_the_family_validates_with_the_family_absent(self):
        self._hold_without_family()
        self.assertEqual(self.passage.absence_decision, "hold")
        releve = self._releve()
        family = releve.signature_ids.filtered(lambda s: s.role == "family")
        self.assertTrue(family.absent, "marked absent from the pilot's decision")
        self.assertTrue(family.may_be_absent)
        self.assertTrue(family.required, "still a line of the record")
        self.assertFalse(releve.signatures_complete)
        self._sign_professionals(releve)
        self.assertTrue(releve.signatures_complete)
        with self.mock_mail_gateway():
            releve.action_validate()
        self.assertEqual(releve.state, "validated")
        self.assertFalse(family.refused, "no false refusal to sign")
        self.assertFalse(family.signature)
        # Printed as such, with no signature image on the family's line.
        tree = html.fromstring(
            self.env["ir.actions.report"].with_user(self.pilot)._render_qweb_html(RELEVE, releve.ids)[0]
        )
        row = tree.xpath("//table[@name='signatures']//tr[@data-role='family']")[0]
        self.assertIn("Absent — the passage was held without the family", " ".join(row.text_content().split()))
        self.assertFalse(row.xpath(".//img"), "no signature image on the family's line")
        self.assertNotIn("Refuses to sign", row.text_content())
        self.assertTrue(tree.xpath("//table[@name='signatures']//tr[@data-role='pilot']//img"))
        # The family still gets the signed record by e-mail.
        sent = self.env["mail.mail"].sudo().search([("attachment_ids", "in", releve.attachment_id.ids)])
        self.assertIn(self.person.email, " ".join(sent.mapped("email_to")), "the family receives its copy")
        with self.assertRaisesRegex(UserError, "no longer change"):
            family.write({"absent": False})

    def test_absent_is_refused_when_the_passage_was_not_held_without_the_family(self):
        releve = self._releve()
        family = releve.signature_ids.filtered(lambda s: s.role == "family")
        self.assertFalse(family.absent, "the pilot has not decided: no absence")
        self.assertFalse(family.may_be_absent)
        with self.assertRaisesRegex(ValidationError, "cannot be marked absent"):
            family.write({"absent": True})
        self._sign_professionals(releve)
        with self.assertRaisesRegex(UserError, "The family has not signed"):
            releve.action_validate()
        # Only the family's line may be absent, even once held without the family.
        self._hold_without_family()
        pilot_line = releve.signature_ids.filtered(lambda s: s.role == "pilot")
        with self.assertRaisesRegex(ValidationError, "cannot be marked absent"):
            pilot_line.write({"signature": False, "absent": True})

    def test_a_postponed_passage_gives_no_absence(self):
        """Absence counts only when the pilot held the passage: a direct write of the flag does not pass."""
        releve = self._releve()
        family = releve.signature_ids.filtered(lambda s: s.role == "family")
        self.passage.sudo().write({"absence_decision": "postpone"})
        with self.assertRaisesRegex(ValidationError, "cannot be marked absent"):
            family.write({"absent": True})

    def test_signing_or_refusing_clears_the_absence(self):
        self._hold_without_family()
        releve = self._releve()
        family = releve.signature_ids.filtered(lambda s: s.role == "family")
        self.assertTrue(family.absent)
        family.signature = SIGNATURE
        self.assertFalse(family.absent, "the family came after all and signed")
        self.assertTrue(family.signed_on)
        family.absent = True
        self.assertFalse(family.signature)
        self.assertFalse(family.signed_on)
        family.refused = True
        self.assertFalse(family.absent)

    def test_decided_after_the_record_was_opened(self):
        """The record opened before the pilot's decision: the family's line follows it."""
        releve = self._releve()
        family = releve.signature_ids.filtered(lambda s: s.role == "family")
        self.assertFalse(family.absent)
        self._hold_without_family()
        self.assertTrue(family.absent)
        self._sign_professionals(releve)
        releve.action_validate()
        self.assertEqual(releve.state, "validated")

    def test_on_screen(self):
        self._hold_without_family()
        releve = self._releve()
        with Form(releve) as form:
            for index in range(len(form.signature_ids)):
                with form.signature_ids.edit(index) as line:
                    if line.role != "family":
                        line.signature = SIGNATURE
                    else:
                        self.assertTrue(line.absent)
        self.assertTrue(releve.signatures_complete)
