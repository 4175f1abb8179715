import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ParcoursCommon

OUTSIDERS = ("pro_other", "ext_other", "manager", "manager_b", "secretary", "pilot", "employee")


@tagged("post_install", "-at_install")
class TestAccessChannels(ParcoursCommon):
    """What a user may not see must not reach them through any other door."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.message = cls.case.message_post(
            body="Point sur le logement de la famille", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "bilan.txt",
                "datas": base64.b64encode(b"Bilan confidentiel"),
                "res_model": "parcours.case",
                "res_id": cls.case.id,
            }
        )
        cls.activity = cls.case.activity_schedule(
            "mail.mail_activity_data_todo", summary="Appeler la famille", user_id=cls.referent.id
        )

    def _outsiders(self):
        return [getattr(self, role) for role in OUTSIDERS]

    def test_search_read_group_name_search_export(self):
        for user in self._outsiders()[:-1]:
            Case = self.env["parcours.case"].with_user(user)
            with self.subTest(user=user.login):
                self.assertNotIn(self.case, Case.search([]))
                self.assertFalse(Case.name_search("Durand"))
                self.assertFalse(Case.name_search(self.case.name))
                groups = Case.read_group([], ["site_id"], ["site_id"])
                self.assertEqual(sum(g["site_id_count"] for g in groups), Case.search_count([]))
                self.assertNotIn(self.case.id, [row[0] for row in Case.search([]).export_data(["id"])["datas"]])
                Intervenant = self.env["parcours.intervenant"].with_user(user)
                self.assertFalse(Intervenant.search([("case_id", "=", self.case.id)]))
                found = [row[0] for row in Intervenant.name_search(self.ext.name)]
                self.assertFalse(set(found) & set(self.case.intervenant_ids.ids))
        involved = self.env["parcours.case"].with_user(self.ext)
        self.assertEqual(involved.name_search("Durand")[0][0], self.case.id)
        exported = involved.search([("id", "=", self.case.id)]).export_data(
            ["name", "partner_id", "intervenant_ids/partner_id"]
        )
        self.assertIn("Famille Durand", exported["datas"][0])

    def test_chatter_messages_attachments_activities(self):
        for user in self._outsiders():
            with self.subTest(user=user.login):
                Message = self.env["mail.message"].with_user(user)
                self.assertNotIn(self.message, Message.search([("model", "=", "parcours.case")]))
                with self.assertRaises(AccessError):
                    self.message.with_user(user).read(["body"])
                Attachment = self.env["ir.attachment"].with_user(user)
                self.assertNotIn(self.attachment, Attachment.search([("res_model", "=", "parcours.case")]))
                with self.assertRaises(AccessError):
                    self.attachment.with_user(user).read(["datas"])
                self.assertNotIn(self.activity, self.env["mail.activity"].with_user(user).search([]))
                with self.assertRaises(AccessError):
                    self.case.with_user(user).message_post(body="Intrusion")
        self.assertIn(
            self.message, self.env["mail.message"].with_user(self.ext).search([("model", "=", "parcours.case")])
        )
        self.attachment.with_user(self.ext).read(["datas"])

    def test_followers_follow_access(self):
        followers = self.case.message_partner_ids
        for user in (self.pro, self.ext, self.referent):
            self.assertIn(user.partner_id, followers, "active intervenants with a login follow the situation")
        for user in self._outsiders():
            self.assertNotIn(user.partner_id, followers)
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.case.with_user(self.pro).message_subscribe(partner_ids=user.partner_id.ids)
        self.assertFalse(
            self.env["mail.followers"]
            .with_user(self.pro_other)
            .search([("res_model", "=", "parcours.case"), ("res_id", "=", self.case.id)])
        )

    def test_household_cannot_follow_professional_exchanges(self):
        """A household member's contact (a separated parent, say) never receives the professionals' messages."""
        parent = self.env["res.partner"].create({"name": "Monsieur Durand", "email": "pere@example.com"})
        self.case.member_ids.partner_id = parent
        for partner in (self.person, parent):
            with self.subTest(partner=partner.name), self.assertRaises(UserError):
                self.case.with_user(self.referent).message_subscribe(partner_ids=partner.ids)
        self.case.sudo().message_subscribe(partner_ids=parent.ids)
        self.case._sync_followers()
        self.assertNotIn(parent, self.case.message_partner_ids)
        message = self.case.message_post(body="Point d'étape", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.assertNotIn(parent, message.notification_ids.res_partner_id)

    def test_no_notification_after_losing_access(self):
        self.case.message_subscribe(partner_ids=self.ext.partner_id.ids)
        self.case.consent_ids.filtered(lambda c: c.consent_type == "share").action_withdraw(
            reason="Souhait de la personne"
        )
        self.assertNotIn(self.ext.partner_id, self.case.message_partner_ids)
        self.assertIn(self.referent.partner_id, self.case.message_partner_ids, "the référent keeps following")
        message = self.case.message_post(
            body="Après le retrait", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertNotIn(self.ext.partner_id, message.notification_ids.res_partner_id)
        self.assertNotIn(self.pro.partner_id, message.notification_ids.res_partner_id)

    def test_people_hidden_from_contacts(self):
        Partner = self.env["res.partner"]
        for user in (self.pro_other, self.ext_other, self.secretary, self.employee, self.manager, self.manager_b):
            with self.subTest(user=user.login):
                self.assertNotIn(self.person, Partner.with_user(user).search([("name", "ilike", "Durand")]))
                self.assertFalse([r for r in Partner.with_user(user).name_search("Durand") if r[0] == self.person.id])
                with self.assertRaises(AccessError):
                    self.person.with_user(user).read(["name", "email"])
                member_partner = self.case.member_ids.partner_id
                self.assertFalse(member_partner)
        self._open_exceptionally(self.manager, self.case)
        for user in (self.pro, self.ext, self.referent, self.manager):
            with self.subTest(user=user.login):
                self.assertIn(self.person, Partner.with_user(user).search([("name", "ilike", "Durand")]))
        self.assertEqual(
            self.person.with_user(self.portal).read(["name"])[0]["name"],
            "Famille Durand",
            "the person still reads their own contact on the portal",
        )
        # Professionals' contacts and structures stay visible to everyone.
        self.assertIn(self.structure_b, Partner.with_user(self.employee).search([("name", "ilike", "CAF")]))

    def test_household_member_contact_hidden(self):
        partner = self.env["res.partner"].create({"name": "Léa Durand"})
        self.case.member_ids.partner_id = partner
        self.assertVisible(self.ext, partner)
        self.assertInvisible(self.ext_other, partner)

    def test_related_fields_do_not_leak(self):
        """Reading a person's contact does not open their situations to the uninvolved."""
        self.env["res.partner"].invalidate_model()
        other_person = self.other_case.partner_id
        other_person.with_user(self.pro_other).read(["name"])
        data = other_person.with_user(self.pro_other).read(["parcours_case_ids"])[0]
        self.assertEqual(data["parcours_case_ids"], self.other_case.ids)
        structure = self.structure_a.with_user(self.ext_other)
        self.assertFalse(structure.parcours_case_ids)
        intervenants = (
            self.env["parcours.intervenant"]
            .with_user(self.ext_other)
            .search([("structure_id", "=", self.structure_a.id)])
        )
        self.assertFalse(intervenants)
