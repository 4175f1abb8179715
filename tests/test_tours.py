"""The main flows driven in a real browser (headless Chromium), with the tours of static/tests/tours/.

Each test prepares its data in Python as the personas of ``common.py``, lets a tour do the screen steps as
the user who does them in real life, then checks that the records changed: a tour that found nothing to do
would otherwise pass.
"""

from odoo.tests import HttpCase, tagged

from .common import ParcoursCommon


class ParcoursTourCommon(HttpCase, ParcoursCommon):
    """The personas' grid, with the site staffed and a session in 20 days (``self.session`` is HttpCase's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.commission = cls._create_session(days=20)


@tagged("post_install", "-at_install")
class TestTours(ParcoursTourCommon):
    """The professionals' flows, on a desktop screen."""

    def test_referent_fills_the_list_and_requests_a_commission(self):
        """Tour: the référent opens the situation, adds a professional to the list, requests a commission."""
        girard = self.env["res.partner"].create(
            {
                "name": "Paul Girard",
                "parent_id": self.structure_b.id,
                "function": "Conseiller",
                "phone": "03 21 00 00 00",
            }
        )
        self.start_tour("/odoo", "referent_parcours_tour_referent", login=self.referent.login)

        line = self.case.intervenant_ids.filtered(lambda i: i.partner_id == girard)
        self.assertEqual(len(line), 1, "the professional is on the accompaniment list")
        self.assertEqual(
            (line.structure_id, line.function, line.accompaniment, line.is_active),
            (self.structure_b, "Conseiller", "Prestations familiales", True),
            "the structure and the function come from the contact, the accompaniment from the référent",
        )
        request = self.env["parcours.passage"].search([("case_id", "=", self.case.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(
            (request.state, request.requested_by_id, request.commission_id.id, request.site_id),
            ("requested", self.referent, False, self.site),
            "a request waits for the secretariat of the situation's site",
        )
        self.assertEqual(request.purpose, "Faire le point sur le logement avec la famille.")

    def test_secretary_schedules_the_request_and_sends_the_invitations(self):
        """Tour: the secretary opens the session, adds the waiting request to its agenda and sends the letters."""
        request = (
            self.env["parcours.passage"]
            .with_user(self.referent)
            .create({"case_id": self.case.id, "purpose": "Faire le point sur le logement avec la famille."})
        )
        self.assertEqual(request.state, "requested")
        self.start_tour(
            "/odoo/action-referent_parcours.parcours_commission_action",
            "referent_parcours_tour_secretary",
            login=self.secretary.login,
        )

        self.assertEqual(request.commission_id, self.commission)
        self.assertEqual(request.state, "scheduled")
        self.assertEqual(request.start, self.commission.start, "the first slot of the session")
        self.assertEqual(self.commission.state, "invited")
        self.assertTrue(self.commission.invitation_date)
        invitees = request.invitee_ids
        self.assertEqual(
            invitees.partner_id,
            self.person | self.pro.partner_id | self.ext.partner_id | self.referent.partner_id | self.pilot.partner_id,
        )
        self.assertTrue(all(invitees.mapped("letter_id")), "one letter per invitee")
        self.assertEqual(set(invitees.mapped("invitation_state")), {"queued"}, "every invitee has an e-mail, leaving")
        self.assertTrue(request.event_id.active)

    def test_pilot_records_attendance_and_signatures(self):
        """Tour: on the day, the pilot records who came, opens the decision record, captures the signatures and
        validates it."""
        today = self._create_session(days=0)
        passage = self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": today.id})
        self.assertEqual(passage.state, "scheduled")
        self.start_tour(
            "/odoo/action-referent_parcours.parcours_passage_action_mine",
            "referent_parcours_tour_pilot",
            login=self.pilot.login,
        )

        attendance = {i.partner_id: i.attendance for i in passage.invitee_ids}
        self.assertEqual(
            attendance,
            {
                self.person: "present",
                self.referent.partner_id: "present",
                self.pro.partner_id: "excused",
                self.ext.partner_id: "absent",
                self.pilot.partner_id: "present",
            },
        )
        releve = passage.releve_ids
        self.assertEqual(len(releve), 1)
        self.assertEqual(releve.state, "validated")
        signed = releve.signature_ids.filtered("signed_on")
        self.assertEqual(
            set(signed.mapped("role")), {"family", "pilot", "referent"}, "the partners who did not come do not sign"
        )
        self.assertTrue(all(signed.mapped("signature")))
        self.assertEqual(signed.captured_by_id, self.pilot)
        self.assertFalse((releve.signature_ids - signed).filtered("required"))
        self.assertTrue(releve.attachment_id, "the signed record is filed")


@tagged("post_install", "-at_install")
class TestPortalTours(ParcoursTourCommon):
    """The person's own space, on a phone."""

    browser_size = "390x844"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.passage = cls.env["parcours.passage"].create(
            {"case_id": cls.case.id, "commission_id": cls.commission.id, "purpose": "Faire le point avec vous."}
        )
        cls.space = (
            cls.env["parcours.person.space"]
            .with_user(cls.referent)
            .create({"case_id": cls.case.id, "partner_id": cls.person.id})
        )
        cls.space._grant()

    def test_person_answers_uploads_and_shares_on_a_phone(self):
        """Tour: the person says she will come, adds a document to her locker and lets her référent see it."""
        self.start_tour("/my/parcours", "referent_parcours_tour_portal", login=self.portal.login)

        mine = self.passage.invitee_ids.filtered(lambda i: i.partner_id == self.person)
        self.assertEqual(mine.answer, "accepted")
        self.assertEqual(
            self.passage.event_id.attendee_ids.filtered(lambda a: a.partner_id == self.person).state,
            "accepted",
            "the answer goes to the calendar invitation",
        )
        document = self.env["parcours.document"].search([("case_id", "=", self.case.id), ("source", "=", "person")])
        self.assertEqual(len(document), 1)
        self.assertEqual(
            (document.name, document.document_type, document.mimetype, document.owner_partner_id, document.share_with),
            ("Attestation CAF", "benefits", "application/pdf", self.person, "referent"),
        )
        self.assertVisible(self.referent, document)
        self.assertInvisible(self.pro, document)
