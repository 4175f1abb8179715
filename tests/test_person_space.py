import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_portal import PDF, PortalData


@tagged("post_install", "-at_install")
class TestPersonSpace(PortalData):
    """What a personal space shows and lets its person do, decided by the model and tested without HTTP (the
    routes of controllers/portal.py only find the space, render and wrap; tests/test_portal.py drives them)."""

    def test_a_login_finds_only_its_own_open_spaces(self):
        Space = self.env["parcours.person.space"]
        self.assertEqual(Space.with_user(self.space.user_id)._of_current_user(), self.space)
        self.assertEqual(Space.with_user(self.other_portal)._of_current_user(), self.other_space)
        self.assertFalse(Space.with_user(self.pro)._of_current_user(), "a professional has no personal space")
        self.space._revoke("Fin de l'accompagnement")
        self.assertFalse(Space.with_user(self.space.user_id)._of_current_user(), "a closed space is not found")

    def test_a_space_reads_its_own_situation_only(self):
        space = self.space
        self.assertEqual(space._find("parcours.passage", self.passage.id), self.passage)
        other_passage = self.env["parcours.passage"].create({"case_id": self.other_case.id})
        self.assertFalse(space._find("parcours.passage", other_passage.id), "another family's passage")
        self.assertFalse(space._find("parcours.document", self.other_doc.id), "another family's document")
        self.assertIn(self.passage, space._visible_passages())
        self.assertIn(self.past_passage, space._visible_passages())
        self.assertFalse(space._visible_passages() & other_passage)
        self.assertEqual(space._visible_releves(), self.releve, "the signed record, never the draft")
        self.assertIn(self.shared_doc, space._visible_documents())
        self.assertNotIn(self.other_doc, space._visible_documents())
        self.assertTrue(space._visible_projet(), "the plan adopted with the signed record")
        self.assertTrue(space._is_principal())

    def test_a_household_member_reads_the_copy_handed_out(self):
        member = self.env["res.partner"].create({"name": "Léa Durand", "email": "lea.durand@example.com"})
        self.env["parcours.case.member"].create(
            {"case_id": self.case.id, "firstname": "Léa", "lastname": "Durand", "partner_id": member.id}
        )
        member_space = self.env["parcours.person.space"].create({"case_id": self.case.id, "partner_id": member.id})
        self.assertFalse(member_space._is_principal())
        self.assertTrue(member_space._visible_projet().env.context.get("parcours_shared_copy"))
        self.assertFalse(self.space._visible_projet().env.context.get("parcours_shared_copy"))
        # The member's own private document is not in the person's locker, and the reverse.
        private = member_space._add_document({"name": "Bulletin scolaire", "datas": base64.b64encode(PDF)})
        self.assertIn(private, member_space._visible_documents())
        self.assertNotIn(private, self.space._visible_documents())

    def test_documents_added_from_a_space_belong_to_its_person(self):
        document = self.space._add_document(
            {
                "name": "Attestation CAF",
                "datas": base64.b64encode(PDF),
                # What a forged form could send: ignored, the space decides.
                "case_id": self.other_case.id,
                "source": "professional",
                "owner_partner_id": self.other_person.id,
            }
        )
        self.assertEqual(document.case_id, self.case)
        self.assertEqual(document.source, "person")
        self.assertEqual(document.owner_partner_id, self.person)
        own = self.space._own_document_domain()
        self.assertEqual(self.space._find("parcours.document", document.id, own), document)
        self.assertFalse(
            self.space._find("parcours.document", self.shared_doc.id, own),
            "a document the professionals shared is read, not shared on nor removed by the person",
        )

    def test_requests_go_to_the_spaces_situation(self):
        request = self.space._send_request(
            {"request_type": "add", "professional_name": "Mme Martin", "service": "CMP", "case_id": self.other_case.id}
        )
        self.assertEqual(request.case_id, self.case)
        self.assertEqual(request.space_id, self.space)
        self.assertEqual(request.partner_id, self.person)

    def test_the_person_answers_their_own_invitation(self):
        self.assertTrue(self.space._answer_invitation(self.passage, "accepted"))
        attendee = self.passage.event_id.attendee_ids.filtered(lambda a: a.partner_id == self.person)
        self.assertEqual(attendee.state, "accepted")
        with self.assertRaises(UserError):
            self.other_space._answer_invitation(self.passage, "declined")
        with self.assertRaises(UserError):
            self.space._answer_invitation(self.passage, "maybe")
        self.assertEqual(attendee.state, "accepted", "a refused answer changes nothing")
        summary = self.space._home_summary()
        self.assertEqual(summary["next_passage"], self.passage)
        self.assertEqual(summary["releve_count"], 1)
