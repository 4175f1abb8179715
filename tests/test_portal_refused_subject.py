from lxml import html

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_portal import PortalData


class RefusalData(PortalData):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.domain_budget = cls.env.ref("referent_parcours.life_domain_budget")
        cls.activity_type = cls.env.ref("referent_parcours.mail_activity_type_subject_refused")

    def _subject(self, domain, case=None):
        return (
            self.env["parcours.refused.subject"]
            .with_context(active_test=False)
            .search([("case_id", "=", (case or self.case).id), ("domain_id", "=", domain.id)])
        )

    def _my_space(self):
        """The space as the portal routes find it: the logged-in person's, read as the system."""
        return self.env["parcours.person.space"].with_user(self.portal)._of_current_user()

    def _activities(self, case=None):
        return (case or self.case).activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)


@tagged("post_install", "-at_install")
class TestPersonSpaceRefusal(RefusalData):
    """The person adds a refused subject from her space: the model method, without HTTP."""

    def test_the_person_refuses_a_subject_and_her_referent_is_told(self):
        space = self._my_space()
        self.assertEqual(space, self.space)
        self.assertIn(self.domain_budget, space._refusable_domains())
        subject = space._refuse_subject(self.domain_budget.id, "  Je gère seule mes comptes  ")
        self.assertEqual(subject, self._subject(self.domain_budget))
        self.assertTrue(subject.active)
        self.assertEqual(subject.case_id, self.case)
        self.assertEqual(subject.note, "Je gère seule mes comptes")
        self.assertEqual(subject.recorded_by_id, self.portal)
        self.assertFalse(subject.allowed_intervenant_ids)
        self.assertNotIn(self.domain_budget, space._refusable_domains(), "no longer offered")
        activity = self._activities()
        self.assertEqual(activity.user_id, self.referent, "the référent gets an activity")
        self.assertIn(self.domain_budget.name, activity.note)
        message = self.space._person_messages()[:1]
        self.assertIn(self.domain_budget.name, message.body)
        self.assertEqual(message.author_id, self.person)
        self.assertIn(self.referent.partner_id, message.partner_ids, "and a message in the space's conversation")
        # Hidden like any refused subject from now on.
        self.assertIn(self.domain_budget, self.passage.refused_domain_ids)
        with self.assertRaisesRegex(UserError, "already refused"):
            space._refuse_subject(self.domain_budget.id, "")

    def test_an_archived_refusal_is_refused_again(self):
        old = self.env["parcours.refused.subject"].create(
            {
                "case_id": self.case.id,
                "domain_id": self.domain_budget.id,
                "allowed_intervenant_ids": [Command.set(self.pro_intervenant.ids)],
                "active": False,
            }
        )
        subject = self.space._refuse_subject(self.domain_budget.id, None)
        self.assertEqual(subject, old, "the same line, active again")
        self.assertTrue(old.active)
        self.assertFalse(old.allowed_intervenant_ids, "nobody is allowed until she says so again")

    def test_attacks(self):
        space = self._my_space()
        # A forged domain id, an archived domain: refused, nothing created.
        with self.assertRaisesRegex(UserError, "Choose one of the subjects"):
            space._refuse_subject(999999, "")
        archived = self.env["parcours.life.domain"].create({"name": "Ancien domaine", "code": "old", "active": False})
        self.assertNotIn(archived, space._refusable_domains())
        with self.assertRaisesRegex(UserError, "Choose one of the subjects"):
            space._refuse_subject(archived.id, "")
        self.assertFalse(self._subject(archived))
        with self.assertRaisesRegex(UserError, "too long"):
            space._refuse_subject(self.domain_budget.id, "x" * 501)
        # Only for the space's own situation: another family's refusals never change from here.
        subject = space._refuse_subject(self.domain_budget.id, "")
        self.assertEqual(subject.case_id, self.case)
        self.assertFalse(self._subject(self.domain_budget, self.other_case))
        # A household member tells the référent; the person herself refuses.
        member = self.env["res.partner"].create({"name": "Léa Durand", "email": "lea.durand@example.com"})
        self.env["parcours.case.member"].create(
            {"case_id": self.case.id, "firstname": "Léa", "lastname": "Durand", "partner_id": member.id}
        )
        member_space = self.env["parcours.person.space"].create({"case_id": self.case.id, "partner_id": member.id})
        with self.assertRaisesRegex(UserError, "Only the accompanied person"):
            member_space._refuse_subject(self.domain_housing.id, "")
        self.assertFalse(self._subject(self.domain_housing))


@tagged("post_install", "-at_install")
class TestPortalRefusalRoute(HttpCase, RefusalData):
    """The consents page's form, over HTTP, as the person and as another person."""

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.content)

    def _post(self, url, data):
        token = self._page(self.consents).xpath('//form[@name="refuse_subject"]//input[@name="csrf_token"]/@value')[0]
        return self.url_open(url, data={"csrf_token": token, **data})

    @property
    def consents(self):
        return f"/my/parcours/{self.space.id}/consents"

    def test_refuse_a_subject_from_the_consents_page(self):
        self.authenticate("test_durand", "test_durand")
        page = self._page(self.consents)
        options = {
            int(v) for v in page.xpath('//form[@name="refuse_subject"]//select[@name="domain_id"]/option/@value')
        }
        self.assertIn(self.domain_budget.id, options)
        response = self._post(f"{self.consents}/refuse", {"domain_id": self.domain_budget.id, "note": "Mes comptes"})
        self.assertEqual(response.status_code, 200)
        subject = self._subject(self.domain_budget)
        self.assertTrue(subject)
        self.assertEqual(subject.note, "Mes comptes")
        text = " ".join(html.fromstring(response.content).text_content().split())
        self.assertIn("Your référent is informed", text)
        self.assertIn("Mes comptes", text, "listed among her refused subjects")
        self.assertTrue(self._activities())

        # A forged domain: a clear refusal, what she typed kept, nothing created.
        response = self._post(f"{self.consents}/refuse", {"domain_id": 999999, "note": "Ma santé"})
        page = html.fromstring(response.content)
        self.assertIn("Choose one of the subjects", page.text_content())
        self.assertEqual(page.xpath('//input[@name="note"]/@value'), ["Ma santé"])
        with mute_logger("odoo.http"):
            self.assertEqual(self._post(f"{self.consents}/refuse", {"domain_id": "abc"}).status_code, 404)
            # Another family's space: not found, and nothing changes there.
            other = self._post(
                f"/my/parcours/{self.other_space.id}/consents/refuse", {"domain_id": self.domain_budget.id}
            )
        self.assertEqual(other.status_code, 404)
        self.assertFalse(self._subject(self.domain_budget, self.other_case))
