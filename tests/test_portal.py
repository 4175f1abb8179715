import base64

import psycopg2
from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import ParcoursCommon

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# Opening the person's summary page, warm: the layout, the space, the situation and its lists.
PORTAL_HOME_QUERIES = 22


class PortalData(ParcoursCommon):
    """A person with a space, a scheduled passage, a signed and a draft decision record, a shared document; and
    another family with its own space and document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.commission = cls._create_session(days=20)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.commission.id})
        # A signed decision record (and so an adopted plan) from a past session...
        cls.past_commission = cls._create_session(days=-40)
        cls.past_passage = cls.env["parcours.passage"].create(
            {"case_id": cls.case.id, "commission_id": cls.past_commission.id}
        )
        cls.releve = cls.env["parcours.releve"].browse(cls.past_passage.action_open_releve()["res_id"])
        cls.past_passage.invitee_ids.write({"attendance": "present"})
        cls.releve.objective_ids = [
            Command.create(
                {
                    "domain_id": cls.domain_housing.id,
                    "name": "Trouver un logement plus grand",
                    "means": "Dossier de demande",
                }
            ),
        ]
        cls.releve._prefill()
        cls.releve.signature_ids.write({"signature": "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"})
        cls.releve.action_validate()
        # ...and a draft one on the next passage, which the person must not see.
        cls.draft = cls.env["parcours.releve"].browse(cls.passage.action_open_releve()["res_id"])

        cls.space = (
            cls.env["parcours.person.space"]
            .with_user(cls.referent)
            .create({"case_id": cls.case.id, "partner_id": cls.person.id})
        )
        cls.space._grant()
        cls.other_person.email = "lefebvre@example.com"
        cls.other_portal = new_test_user(
            cls.env,
            login="test_lefebvre",
            groups="base.group_portal",
            partner_id=cls.other_person.id,
            context={"no_reset_password": True},
        )
        cls.other_space = cls.env["parcours.person.space"].create(
            {"case_id": cls.other_case.id, "partner_id": cls.other_person.id, "user_id": cls.other_portal.id}
        )
        cls.shared_doc = cls.env["parcours.document"].create(
            {
                "case_id": cls.case.id,
                "name": "Dossier logement",
                "document_type": "housing",
                "datas": base64.b64encode(PDF),
                "filename": "logement.pdf",
            }
        )
        cls.other_doc = cls.env["parcours.document"].create(
            {
                "case_id": cls.other_case.id,
                "source": "person",
                "owner_partner_id": cls.other_person.id,
                "name": "Avis d'imposition Lefebvre",
                "document_type": "tax",
                "datas": base64.b64encode(PDF),
            }
        )
        cls.share_consent = cls.case.consent_ids.filtered(lambda c: c.consent_type == "share")
        cls.pro_intervenant = cls.case.intervenant_ids.filtered(lambda i: i.user_id == cls.pro)


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, PortalData, MockEmail):
    """The person's space, driven over HTTP as the person, as another person and as a stranger."""

    # ------------------------------------------------------------------
    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def _text(self, url):
        tree = self._page(url)
        return " ".join(tree.xpath('//div[@id="wrap"]')[0].text_content().split())

    def _post(self, url, data=None, files=None, token_from=None):
        """Posts a form of the space with the CSRF token of the page it is on."""
        token = self._page(token_from or f"{self._base()}/messages").xpath('//input[@name="csrf_token"]/@value')[0]
        return self.url_open(url, data={"csrf_token": token, **(data or {})}, files=files)

    def _base(self, space=None):
        return f"/my/parcours/{(space or self.space).id}"

    # ------------------------------------------------------------------
    def test_person_finds_professionals_commission_plan_and_records(self):
        self.authenticate("test_durand", "test_durand")
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": ["parcours_count"]}), {"parcours_count": 1}
        )
        response = self.url_open("/my/parcours")
        self.assertTrue(response.url.endswith(self._base()), "one space: the list opens it directly")
        home = self._text(self._base())
        self.assertIn(self.referent.name, home)
        self.assertIn(self.commission._format_long_date(self.passage.start), home)

        listing = self._text(f"{self._base()}/professionals")
        for user in (self.pro, self.ext, self.referent):
            self.assertIn(user.name, listing)
        self.assertNotIn(self.pro_other.name, listing, "a professional of another situation")

        commissions = self._text(f"{self._base()}/commissions")
        self.assertIn(self.commission._format_long_date(self.passage.start), commissions)
        self.assertIn(self.past_commission._format_long_date(self.past_passage.start), commissions)
        self.assertIn(self.pilot.name, commissions, "who is invited")

        plan = self._text(f"{self._base()}/plan")
        self.assertIn("Trouver un logement plus grand", plan)
        links = self._page(f"{self._base()}/plan").xpath('//a[contains(@href, "/records/")]/@href')
        self.assertEqual(
            links, [f"{self._base()}/records/{self.releve.id}/pdf"], "validated records only, never drafts"
        )
        record = self.url_open(links[0])
        self.assertEqual(record.status_code, 200)
        self.assertIn(b"Trouver un logement plus grand", record.content)
        self.assertEqual(self.url_open(f"{self._base()}/records/{self.draft.id}/pdf").status_code, 404)
        printed = self.url_open(f"{self._base()}/plan/pdf")
        self.assertEqual(printed.status_code, 200)
        self.assertIn("Trouver un logement plus grand", html.fromstring(printed.content).text_content())

    def test_household_member_reads_the_copy_handed_out(self):
        """Another member of the household has their own space: the person's refused subjects stay out of it."""
        self.env["parcours.refused.subject"].create(
            {"case_id": self.case.id, "domain_id": self.domain_housing.id, "note": "Je préfère en parler seule"}
        )
        member = self.env["res.partner"].create({"name": "Léa Durand", "email": "lea@example.com"})
        self.case.member_ids[:1].partner_id = member
        new_test_user(
            self.env,
            login="test_lea",
            groups="base.group_portal",
            partner_id=member.id,
            context={"no_reset_password": True},
        )
        space = self.env["parcours.person.space"].create(
            {"case_id": self.case.id, "partner_id": member.id, "user_id": member.user_ids.id}
        )
        self.authenticate("test_lea", "test_lea")
        self.assertNotIn("Trouver un logement plus grand", self._text(f"{self._base(space)}/plan"))
        printed = self.url_open(f"{self._base(space)}/plan/pdf")
        self.assertNotIn("Trouver un logement plus grand", html.fromstring(printed.content).text_content())
        self.assertNotIn("Je préfère en parler seule", self._text(f"{self._base(space)}/consents"))
        self.authenticate("test_durand", "test_durand")
        self.assertIn(
            "Trouver un logement plus grand", self._text(f"{self._base()}/plan"), "the person reads all of it"
        )
        self.assertIn("Je préfère en parler seule", self._text(f"{self._base()}/consents"))

    def test_person_answers_the_invitation(self):
        self.authenticate("test_durand", "test_durand")
        self._post(
            f"{self._base()}/commissions/{self.passage.id}/answer",
            {"answer": "declined"},
            token_from=f"{self._base()}/commissions",
        )
        mine = self.passage.invitee_ids.filtered(lambda i: i.partner_id == self.person)
        mine.invalidate_recordset(["answer"])
        self.assertEqual(mine.answer, "declined")
        self.assertIn("You said you cannot come.", self._text(f"{self._base()}/commissions"))
        with mute_logger("odoo.http"):
            response = self._post(f"{self._base()}/commissions/{self.past_passage.id}/answer", {"answer": "accepted"})
        self.assertEqual(response.status_code, 404, "a past commission takes no answer")

    def test_upload_and_share_a_document(self):
        self.authenticate("test_durand", "test_durand")
        self._post(
            f"{self._base()}/documents/add",
            {"name": "Carte d'identité", "document_type": "identity", "expiry_date": "2027-01-05"},
            files={"file": ("carte.pdf", PDF, "application/pdf")},
            token_from=f"{self._base()}/documents",
        )
        form = self._page(f"{self._base()}/documents").xpath('//form[contains(@action, "/documents/add")]')[0]
        self.assertEqual(form.xpath('.//input[@type="file"]/@name'), ["file"])
        self.assertEqual(form.get("enctype"), "multipart/form-data")
        document = self.env["parcours.document"].search([("case_id", "=", self.case.id), ("source", "=", "person")])
        self.assertEqual(document.name, "Carte d'identité")
        self.assertEqual(
            (document.share_with, document.mimetype, document.owner_partner_id),
            ("private", "application/pdf", self.person),
        )
        for user in (self.referent, self.pro, self.manager):
            self.assertInvisible(user, document)

        self._post(f"{self._base()}/documents/{document.id}/share", {"share_with": "referent"})
        self.assertVisible(self.referent, document)
        self.assertInvisible(self.pro, document)
        self._post(f"{self._base()}/documents/{document.id}/share", {"share_with": "team"})
        self.assertVisible(self.pro, document)
        self.assertInvisible(self.pro_other, document)
        with self.assertRaises(AccessError, msg="the person's choice is theirs: a professional cannot change it"):
            document.with_user(self.referent).write({"share_with": "private"})

        download = self.url_open(f"{self._base()}/documents/{document.id}/download")
        self.assertEqual(download.content, PDF)
        self._post(f"{self._base()}/documents/{document.id}/delete")
        self.assertFalse(document.exists())

        self.env["parcours.document"].with_user(self.referent).create(
            {"case_id": self.case.id, "name": "Attestation d'hébergement", "datas": base64.b64encode(PDF)}
        )
        self.assertIn(
            "A document was put in your locker: Attestation d'hébergement.", self._text(f"{self._base()}/messages")
        )
        page = self._page(f"{self._base()}/documents")
        self.assertTrue(
            page.xpath(f'//a[@href="{self._base()}/documents/{self.shared_doc.id}/download"]'),
            "a document a professional shared is in the locker",
        )

    def test_upload_refuses_other_types_and_large_files_and_keeps_the_locker(self):
        self.authenticate("test_durand", "test_durand")
        before = self.env["parcours.document"].search_count([])
        response = self._post(
            f"{self._base()}/documents/add",
            {"name": "Programme", "document_type": "other"},
            files={"file": ("programme.pdf", b"MZ\x90\x00 not a document at all", "application/pdf")},
            token_from=f"{self._base()}/documents",
        )
        message = " ".join(html.fromstring(response.content).xpath('//div[@role="alert"]')[0].text_content().split())
        self.assertIn("This kind of file cannot be added (programme.pdf)", message)
        self.assertEqual(
            html.fromstring(response.content).xpath('//input[@id="name"]/@value'),
            ["Programme"],
            "what the person typed is still in the form",
        )
        response = self._post(
            f"{self._base()}/documents/add",
            {"name": "Scan"},
            files={"file": ("scan.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf")},
            token_from=f"{self._base()}/documents",
        )
        self.assertIn(
            "the limit is 10 MB", html.fromstring(response.content).xpath('//div[@role="alert"]')[0].text_content()
        )
        self.assertEqual(self.env["parcours.document"].search_count([]), before, "nothing half-stored")
        self.assertEqual(self.shared_doc.datas, base64.b64encode(PDF))

    def test_withdrawing_sharing_consent_cuts_intervenants_at_once(self):
        self.assertVisible(self.pro, self.case)
        self.authenticate("test_durand", "test_durand")
        withdraw = f"{self._base()}/consents/{self.share_consent.id}/withdraw"
        self._post(withdraw, {"reason": "Je préfère en parler moi-même"}, token_from=withdraw)
        self.assertFalse(self.share_consent.withdrawal_date, "nothing happens without the confirmation box")
        self._post(withdraw, {"confirm": "1"}, token_from=withdraw)
        self.assertEqual(self.share_consent.withdrawal_date, fields.Date.today())
        self.assertEqual(self.share_consent.withdrawn_by_id, self.portal)
        self.assertInvisible(self.pro, self.case, "an intervenant loses the situation at once")
        self.assertInvisible(self.ext, self.case)
        self.assertVisible(self.referent, self.case)
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("referent_parcours.mail_activity_type_consent_withdrawn")
        )
        self.assertEqual(activity.user_id, self.referent, "the référent is told")
        self.assertIn("Withdrawn", self._text(f"{self._base()}/consents"))
        join = self.case.consent_ids.filtered(lambda c: c.consent_type == "join")
        with mute_logger("odoo.http"):
            self.assertEqual(
                self.url_open(f"{self._base()}/consents/{self.share_consent.id}/withdraw").status_code, 404
            )
        self._post(f"{self._base()}/consents/{join.id}/withdraw", {"confirm": "1"})
        self.assertFalse(join.withdrawal_date, "joining is left with the référent, not a click")

    def test_message_to_referent_is_escaped_and_notifies(self):
        self.authenticate("test_durand", "test_durand")
        self._post(
            f"{self._base()}/messages/send",
            {"body": "<script>alert(1)</script> Bonjour"},
            token_from=f"{self._base()}/messages",
        )
        message = self.space.message_ids.filtered(lambda m: m.author_id == self.person)
        self.assertIn("&lt;script&gt;", message.body)
        self.assertIn(self.referent.partner_id, message.notification_ids.res_partner_id)
        page = self._page(f"{self._base()}/messages")
        self.assertTrue(page.xpath('//form[contains(@action, "/messages/send")]//textarea[@name="body"]'))
        self.assertFalse(page.xpath('//div[@id="wrap"]//script[contains(., "alert(1)")]'))
        self.assertIn("<script>alert(1)</script> Bonjour", page.xpath('//div[@id="wrap"]')[0].text_content())
        self.space.with_user(self.referent).message_post(body="Note entre professionnels", subtype_xmlid="mail.mt_note")
        self.space.with_user(self.referent).message_post(
            body="Réponse à la famille", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        text = self._text(f"{self._base()}/messages")
        self.assertIn("Réponse à la famille", text)
        self.assertNotIn("Note entre professionnels", text)
        self.assertInvisible(self.pro, self.space, "the person writes to the référent, not to everyone")

    def test_a_new_referent_takes_over_the_conversation(self):
        self.assertEqual(self.space.message_partner_ids, self.person | self.referent.partner_id)
        wizard = Form(
            self.env["parcours.referent.designate"].with_user(self.referent).with_context(default_case_id=self.case.id)
        )
        wizard.intervenant_id = self.pro_intervenant
        wizard.person_choice = "chosen"
        wizard.end_reason = "person_choice"
        wizard.save().action_designate()
        space = self.space.sudo()
        self.assertEqual(
            space.message_partner_ids,
            self.person | self.pro.partner_id,
            "the former référent no longer receives the person's messages",
        )
        space.with_user(self.portal).sudo()._post_from_person("Bonjour")
        self.assertEqual(space.message_ids[0].notification_ids.res_partner_id, self.pro.partner_id)
        self.assertVisible(self.pro, self.space)
        self.assertInvisible(self.referent, self.space)
        # No référent any more: the professional who proposed the approach answers, and reads the space.
        proposer = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)
        proposer.is_proposer = True
        self.case.referent_designation_ids.filtered(lambda d: not d.date_end).write(
            {"date_end": fields.Date.today(), "end_reason": "other"}
        )
        self.assertEqual(space.message_partner_ids, self.person | self.ext.partner_id)
        self.assertVisible(self.ext, self.space)
        self.assertInvisible(self.pro, self.space)

    def test_request_about_the_list_goes_to_the_referent(self):
        self.authenticate("test_durand", "test_durand")
        count = len(self.case.intervenant_ids)
        self._post(
            f"{self._base()}/professionals/request",
            {"request_type": "stop", "intervenant_id": self.pro_intervenant.id, "message": "Je ne la vois plus"},
            token_from=f"{self._base()}/professionals",
        )
        self._post(
            f"{self._base()}/professionals/request", {"request_type": "add", "professional_name": "Docteur Lemaire"}
        )
        requests = self.env["parcours.portal.request"].search([("case_id", "=", self.case.id)])
        self.assertEqual(sorted(requests.mapped("request_type")), ["add", "stop"])
        self.assertEqual(requests.activity_ids.user_id, self.referent)
        self.assertEqual(len(self.case.intervenant_ids), count, "never a direct change of the list")
        self.assertTrue(self.pro_intervenant.is_active)
        self.assertInvisible(self.pro, requests)
        stop = requests.filtered(lambda r: r.request_type == "stop").with_user(self.referent)
        with self.assertRaises(UserError):
            stop.action_decline()
        stop.answer = "Madame Morel suit toujours Léa au collège."
        stop.action_decline()
        self.assertIn("Madame Morel suit toujours Léa au collège.", self._text(f"{self._base()}/professionals"))
        self.assertIn("is answered: Madame Morel suit toujours Léa au collège.", self._text(f"{self._base()}/messages"))
        self._post(f"{self._base()}/professionals/request", {"request_type": "add", "professional_name": " "})
        self.assertEqual(self.env["parcours.portal.request"].search_count([("case_id", "=", self.case.id)]), 2)

    @mute_logger("odoo.http")
    def test_another_person_gets_nothing_of_the_first(self):
        self.authenticate("test_lefebvre", "test_lefebvre")
        self.assertNotIn(self.person.name, self._text("/my/parcours"))
        mine = self._base(self.other_space)
        theirs = self._base()
        document = self.env["parcours.document"].create(
            {
                "case_id": self.case.id,
                "source": "person",
                "owner_partner_id": self.person.id,
                "name": "Secret",
                "datas": base64.b64encode(PDF),
            }
        )
        urls = [
            theirs,
            f"{theirs}/professionals",
            f"{theirs}/consents",
            f"{theirs}/commissions",
            f"{theirs}/plan",
            f"{theirs}/plan/pdf",
            f"{theirs}/documents",
            f"{theirs}/messages",
            f"{theirs}/records/{self.releve.id}/pdf",
            f"{theirs}/documents/{document.id}/download",
            f"{theirs}/consents/{self.share_consent.id}/withdraw",
            # Their own space with the first person's ids.
            f"{mine}/records/{self.releve.id}/pdf",
            f"{mine}/documents/{document.id}/download",
            f"{mine}/documents/{self.shared_doc.id}/download",
            f"{mine}/consents/{self.share_consent.id}/withdraw",
        ]
        for url in urls:
            self.assertEqual(self.url_open(url).status_code, 404, url)
        posts = {
            f"{theirs}/messages/send": {"body": "x"},
            f"{mine}/documents/{document.id}/share": {"share_with": "team"},
            f"{mine}/documents/{document.id}/delete": {},
            f"{mine}/commissions/{self.passage.id}/answer": {"answer": "declined"},
            f"{mine}/consents/{self.share_consent.id}/withdraw": {"confirm": "1"},
            f"{mine}/professionals/request": {"request_type": "stop", "intervenant_id": self.pro_intervenant.id},
        }
        for url, data in posts.items():
            self.assertEqual(self._post(url, data, token_from=f"{mine}/messages").status_code, 404, url)
        self.assertTrue(document.exists())
        self.assertEqual(document.share_with, "private")
        self.assertFalse(self.share_consent.withdrawal_date)
        self.assertFalse(self.env["parcours.portal.request"].search([("case_id", "=", self.case.id)]))
        self.assertFalse(self.space.message_ids.filtered(lambda m: m.author_id == self.other_person))

    def test_anonymous_and_forged_requests(self):
        for url in (self._base(), f"{self._base()}/documents/{self.shared_doc.id}/download", "/my/parcours"):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)
        self.authenticate("test_durand", "test_durand")
        with mute_logger("odoo.http"):
            forged = self.url_open(f"{self._base()}/messages/send", data={"body": "sans jeton"})
        self.assertEqual(forged.status_code, 400, "no CSRF token, no post")
        self.assertFalse(self.space.message_ids.filtered(lambda m: m.author_id == self.person))

    def test_person_has_no_access_rights_outside_the_pages(self):
        for model in (
            "parcours.case",
            "parcours.consent",
            "parcours.intervenant",
            "parcours.note",
            "parcours.releve",
            "parcours.projet",
            "parcours.objective",
            "parcours.passage",
            "parcours.document",
            "parcours.person.space",
            "parcours.portal.request",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.portal).search([])
        self.authenticate("test_durand", "test_durand")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/web/dataset/call_kw/parcours.case/search_read",
                data='{"jsonrpc": "2.0", "method": "call", "params": {"model": "parcours.case", '
                '"method": "search_read", "args": [[]], "kwargs": {"fields": ["name"]}}}',
                headers={"Content-Type": "application/json"},
            )
        self.assertIn("error", response.json())
        self.assertNotIn(self.case.name, response.text)

    def test_space_opened_by_referent_only_and_closed_with_the_situation(self):
        with self.assertRaisesRegex(UserError, "Only the référent de parcours"):
            self.case.with_user(self.pro).action_open_space_grant()
        grant = (
            self.env["parcours.space.grant"]
            .with_user(self.referent)
            .create({"case_id": self.case.id, "partner_id": self.person.id})
        )
        with self.assertRaisesRegex(UserError, "Tick the box"):
            grant.action_grant()
        with self.assertRaisesRegex(ValidationError, "already has an open personal space"), self.cr.savepoint():
            self.env["parcours.person.space"].create({"case_id": self.case.id, "partner_id": self.person.id})
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env.cr.execute(
                "INSERT INTO parcours_person_space (case_id, partner_id, state, agreement_date, agreement_method, "
                "granted_by_id) VALUES (%s, %s, 'active', now(), 'oral', %s)",
                [self.case.id, self.person.id, self.referent.id],
            )
        for user in (self.pro, self.manager, self.secretary, self.pilot):
            self.assertInvisible(user, self.space)
        self.assertVisible(self.referent, self.space)

        self.case.with_user(self.referent).action_close()
        self.assertEqual(self.space.state, "revoked")
        self.assertFalse(self.portal.active)
        self.assertFalse(self.portal.has_group("base.group_portal"))
        self.assertTrue(self.other_portal.has_group("base.group_portal"), "another person keeps their space")

    def test_grant_creates_the_login_and_sends_the_invitation(self):
        member = self.env["res.partner"].create({"name": "Léa Durand", "email": "lea.durand@example.com"})
        self.case.member_ids[:1].partner_id = member
        wizard = (
            self.env["parcours.space.grant"]
            .with_user(self.referent)
            .create({"case_id": self.case.id, "partner_id": member.id, "agreed": True, "agreement_method": "written"})
        )
        with self.mock_mail_gateway():
            wizard.action_grant()
        space = self.env["parcours.person.space"].search([("partner_id", "=", member.id)])
        self.assertTrue(space.user_id.has_group("base.group_portal"))
        self.assertEqual(space.user_id.login, "lea.durand@example.com")
        self.assertIn(member, space.message_partner_ids)
        self.assertTrue(
            any("lea.durand@example.com" in ",".join(mail["email_to"]) for mail in self._mails),
            "the invitation to choose a password is e-mailed",
        )
        stranger = self.env["res.partner"].create({"name": "Voisin", "email": "voisin@example.com"})
        with self.assertRaisesRegex(UserError, "Choose the person or a household member"):
            self.env["parcours.space.grant"].with_user(self.referent).create(
                {"case_id": self.case.id, "partner_id": stranger.id, "agreed": True}
            ).action_grant()

    def test_portal_home_query_count(self):
        self.authenticate("test_durand", "test_durand")
        self.url_open(self._base())
        with self.assertQueryCount(PORTAL_HOME_QUERIES):
            response = self.url_open(self._base())
        self.assertEqual(response.status_code, 200)
