from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestCaseFlow(ParcoursCommon):
    def test_professional_opens_a_situation_and_follows_it(self):
        """The professional who opens a situation is listed as proposer and keeps access without sharing."""
        person = self.env["res.partner"].create({"name": "Monsieur Caron"})
        with Form(self.env["parcours.case"].with_user(self.pro)) as form:
            form.partner_id = person
            form.site_id = self.site
        case = form.record
        self.assertTrue(case.name.startswith("RP/"))
        self.assertEqual(case.state, "proposed")
        proposer = case.intervenant_ids
        self.assertEqual(proposer.user_id, self.pro)
        self.assertTrue(proposer.is_proposer)
        self.assertFalse(case.sharing_in_force)
        self.assertTrue(person.parcours_is_person, "the person's contact is flagged as accompanied")
        self.assertIn(self.pro.partner_id, case.message_partner_ids)
        self.assertVisible(self.pro, case)
        self.assertInvisible(self.pro_other, case)

    def test_lifecycle_accept_activate_close(self):
        person = self.env["res.partner"].create({"name": "Madame Roussel"})
        case = self.env["parcours.case"].with_user(self.pro).create({"partner_id": person.id, "site_id": self.site.id})
        with self.assertRaisesRegex(UserError, "agreement to join"):
            case.action_accept()
        case.write({"consent_ids": [Command.create({"consent_type": "join", "method": "oral"})]})
        case.action_accept()
        self.assertEqual(case.state, "accepted")
        self.assertEqual(case.date_entry, fields.Date.today())
        with self.assertRaisesRegex(UserError, "Designate the référent"):
            case.action_activate()
        wizard = Form(self.env["parcours.referent.designate"].with_user(self.pro).with_context(default_case_id=case.id))
        wizard.intervenant_id = case.intervenant_ids
        wizard.save().action_designate()
        self.assertEqual(case.referent_intervenant_id.user_id, self.pro)
        case.action_activate()
        self.assertEqual(case.state, "active")
        case.action_close()
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.date_end, fields.Date.today())
        self.assertFalse(case.referent_intervenant_id, "closing ends the designation")
        self.assertEqual(case.referent_designation_ids.end_reason, "case_closed")

    def test_refusal_is_a_valid_outcome(self):
        person = self.env["res.partner"].create({"name": "Monsieur Moreau"})
        case = self.env["parcours.case"].with_user(self.pro).create({"partner_id": person.id, "site_id": self.site.id})
        case.action_refuse()
        self.assertEqual(case.state, "refused")
        with self.assertRaises(UserError):
            case.action_accept()

    def test_person_words_and_household(self):
        self.case.with_user(self.pro).write(
            {"person_expectations": "Retrouver un logement pour mes enfants", "household_type": "family"}
        )
        self.assertEqual(self.case.person_expectations, "Retrouver un logement pour mes enfants")
        member = self.case.member_ids
        self.assertEqual(member.display_name, "Léa Durand")
        partner = self.env["res.partner"].create({"name": "Léa Durand"})
        member.with_user(self.pro).partner_id = partner
        self.assertTrue(partner.parcours_is_person)

    def test_intervenant_defaults_from_contact(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Paul Girard",
                "parent_id": self.structure_b.id,
                "function": "Conseiller",
                "phone": "03 21 00 00 00",
            }
        )
        with Form(
            self.env["parcours.intervenant"].with_user(self.referent).with_context(default_case_id=self.case.id)
        ) as form:
            form.partner_id = contact
            self.assertEqual(form.structure_id, self.structure_b)
            self.assertEqual(form.function, "Conseiller")
            self.assertEqual(form.phone, "03 21 00 00 00")
            form.accompaniment = "Prestations familiales"
        self.assertFalse(form.record.user_id, "an external professional without login has no user")
        self.assertEqual(form.record.structure_type_id, self.env.ref("referent_parcours.structure_type_caf"))
