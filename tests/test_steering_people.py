from lxml import html

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged, warmup

from .common import ParcoursCommon

PEOPLE_MODELS = ("parcours.steering.referent", "parcours.steering.journey", "parcours.steering.partnership")
NEUTRAL_COMODELS = {"res.company", "parcours.site", "parcours.structure.type"}
NAMES = ("Famille Durand", "Madame Lefebvre", "Famille Caf", "Famille Bis", "Famille Ailleurs", "Léa")
# web_read_group of the référents' view (the grouped read, the sites' names) and the summary's people figures,
# whatever the number of sites: the wizard, its sites and their names, the référents' grouped read, the
# structure types' names, the families seen again (one query), the goals reviewed.
DASHBOARD_QUERIES = 2
PEOPLE_FIGURES_QUERIES = 7


def render_summary(env, user, sites):
    wizard = (
        env["parcours.steering.print"]
        .with_user(user)
        .create({"date_from": "2000-01-01", "date_to": "2100-01-01", "site_ids": [Command.set(sites.ids)]})
    )
    content = (
        env["ir.actions.report"]
        .with_user(user)
        ._render_qweb_html("referent_parcours.action_report_parcours_steering", wizard.ids)[0]
    )
    return html.fromstring(content)


def cell(block, name):
    return " ".join(block.xpath(f"string(.//td[@name='{name}'])").split())


@tagged("post_install", "-at_install")
class TestSteeringPeople(ParcoursCommon):
    """Référents counted as people (once each), their caseload, the families seen again in commission and the
    partnership view across organisations: counts checked by hand, never a name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        # On the test site: case (référent: referent, Département), other_case (none), and referent again for
        # a third family, ext (CAF, a partner) for a fourth: 2 professionals named, 1 from a partner structure,
        # caseloads 2 and 1.
        cls.bis_case = cls._create_case(
            cls.env["res.partner"].create({"name": "Famille Bis"}), [cls.referent, cls.pro], referent=cls.referent
        )
        cls.caf_case = cls._create_case(
            cls.env["res.partner"].create({"name": "Famille Caf"}), [cls.ext, cls.pro], referent=cls.ext
        )
        # In the other organisation: one situation with its référent.
        cls.b_case = cls._create_case(
            cls.env["res.partner"].create({"name": "Famille Ailleurs"}),
            [cls.ext_other],
            referent=cls.ext_other,
            company=cls.company_b,
        )
        # Two sessions: Durand at both (seen again), Bis at the first only, Caf at the second only.
        cls.first = cls._create_session(days=5)
        cls.second = cls._create_session(days=12)
        for session, cases in ((cls.first, cls.case | cls.bis_case), (cls.second, cls.case | cls.caf_case)):
            for case in cases:
                passage = cls.env["parcours.passage"].create({"case_id": case.id, "commission_id": session.id})
                passage.invitee_ids.write({"attendance": "present"})
            session.action_hold()

    def test_distinct_referents_and_caseload(self):
        Referent = self.env["parcours.steering.referent"].with_user(self.manager)
        domain = [("site_id", "=", self.site.id)]
        [(count, low, high, load)] = Referent._read_group(
            domain, [], ["referent_count:sum", "caseload:min", "caseload:max", "caseload:sum"]
        )
        self.assertEqual((count, low, high, load), (2, 1, 2, 3), "referent counted once for two families")
        by_partner = dict(Referent._read_group(domain, ["from_partner"], ["referent_count:sum"]))
        self.assertEqual(by_partner, {False: 1, True: 1}, "ext works for the CAF, a partner structure")
        caf = self.env.ref("referent_parcours.structure_type_caf")
        department = self.env.ref("referent_parcours.structure_type_department")
        by_type = dict(Referent._read_group(domain, ["structure_type_id"], ["referent_count:sum"]))
        self.assertEqual(by_type, {department: 1, caf: 1})
        # The situations count a référent per family: 3 here, the people are 2.
        Situation = self.env["parcours.steering.situation"].with_user(self.manager)
        self.assertEqual(
            Situation.search_count(domain + [("has_referent", "=", True), ("state", "in", ("accepted", "active"))]),
            3,
        )
        # A situation closed no longer counts its référent.
        self.bis_case.referent_intervenant_id.case_id.sudo().write({"state": "closed"})
        self.assertEqual(Referent._read_group(domain, [], ["caseload:max"]), [(1,)])

    def test_families_seen_again(self):
        Journey = self.env["parcours.steering.journey"].with_user(self.manager)
        domain = [("site_id", "=", self.site.id)]
        self.assertEqual(Journey.search_count(domain), 4, "four passages held")
        self.assertEqual(Journey.search_count(domain + [("repeat_passage", "=", True)]), 1)
        self.assertEqual(Journey._families_seen_again(domain), {self.site.id: 1})
        # A third session with Durand again: still one family seen again.
        third = self._create_session(days=19)
        self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": third.id})
        third.action_hold()
        self.assertEqual(Journey._families_seen_again(domain), {self.site.id: 1})
        self.assertEqual(Journey._read_group(domain, [], ["passage_rank:max"]), [(3,)])
        # The period reads only the passages held in it: the first session alone shows nobody seen again.
        first_day = [("commission_date", "=", self.first.start.date())]
        self.assertEqual(Journey._families_seen_again(domain + first_day), {})
        self.assertFalse(Journey.with_user(self.manager_b)._families_seen_again(domain))
        with self.assertRaises(AccessError):
            Journey.with_user(self.pro)._families_seen_again(domain)

    def test_counts_never_names(self):
        self.company_a.parcours_steering_shared = True
        self.company_b.parcours_steering_shared = True
        for model in PEOPLE_MODELS:
            with self.subTest(model=model):
                relational = {f.comodel_name for f in self.env[model]._fields.values() if f.relational}
                self.assertLessEqual(relational - {"res.users"}, NEUTRAL_COMODELS)
                self.assertNotIn("case_id", self.env[model]._fields, "no field leads to a situation")
                records = self.env[model].with_user(self.manager).search([])
                self.assertTrue(records)
                exported = records.export_data(
                    [name for name, f in records._fields.items() if not f.relational and name != "id"]
                )
                text = " ".join(str(cell) for row in exported["datas"] for cell in row)
                for name in (*NAMES, self.case.name, self.referent.name, self.ext.name, self.ext_other.name):
                    self.assertNotIn(name, text)
                for user in (self.pro, self.referent, self.pilot, self.secretary, self.portal):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search_count([])
        for model in PEOPLE_MODELS[:2]:
            self.assertFalse(
                self.env[model].with_user(self.manager_b).search_count([("site_id", "=", self.site.id)]),
                "another organisation's figures per site stay there",
            )

    def test_partnership_opt_in(self):
        Partnership = self.env["parcours.steering.partnership"]
        self.assertFalse(Partnership.with_user(self.manager).search_count([]), "nobody shares by default")
        self.company_b.parcours_steering_shared = True
        self.assertFalse(
            Partnership.with_user(self.manager).search_count([]),
            "a manager whose organisation does not share reads nobody's counts",
        )
        [row] = Partnership.with_user(self.manager_b).search_read(
            [], ["company_id", "situation_count", "referent_count", "session_count", "family_present_count"]
        )
        self.assertEqual(row["company_id"][0], self.company_b.id)
        self.assertEqual(
            (row["situation_count"], row["referent_count"], row["session_count"], row["family_present_count"]),
            (1, 1, 0, 0),
        )
        self.company_a.parcours_steering_shared = True
        rows = {
            r["company_id"][0]: r
            for r in Partnership.with_user(self.manager_b).search_read([], ["company_id", "referent_count"])
        }
        self.assertEqual(set(rows), {self.company_a.id, self.company_b.id})
        active = self.env["parcours.case"].search(
            [("company_id", "=", self.company_a.id), ("state", "in", ("accepted", "active"))]
        )
        self.assertEqual(
            rows[self.company_a.id]["referent_count"],
            len(active.referent_intervenant_id.partner_id),
            "the organisation's professionals named référent, each once",
        )
        [a_row] = Partnership.with_user(self.manager_b).search_read(
            [("company_id", "=", self.company_a.id)], ["session_count", "family_present_count"]
        )
        self.assertGreaterEqual(a_row["session_count"], 2)
        self.assertGreaterEqual(a_row["family_present_count"], 3, "Durand, Bis and Caf were present")
        # Company B stops sharing: its counts leave the view, and its manager no longer reads the others'.
        self.company_b.parcours_steering_shared = False
        self.assertEqual(
            Partnership.with_user(self.manager).search([]).company_id, self.company_a, "B is no longer counted"
        )
        self.assertFalse(Partnership.with_user(self.manager_b).search_count([]))

    def test_printed_summary(self):
        self.company_a.parcours_steering_shared = True
        tree = render_summary(self.env, self.manager, self.site)
        block = tree.xpath(f"//div[@data-site-id='{self.site.id}']")[0]
        people = block.xpath(".//div[@name='steering_people']")[0]
        self.assertEqual(cell(people, "referents_distinct"), "2 (1)")
        self.assertEqual(cell(people, "caseload"), "1 / 1.5 / 2")
        self.assertEqual(cell(people, "families_again"), "1")
        self.assertEqual(cell(people, "goals_between"), "0 / 0 / 0 / 0 (0)", "no decision record reviewed goals")
        self.assertIn(f"{self.env.ref('referent_parcours.structure_type_caf').name}: 1", cell(people, "referent_types"))
        self.assertEqual(cell(block, "referents"), "3 (1)", "the situations with a référent, as before")
        [partnership] = tree.xpath("//div[@name='steering_partnership']")
        self.assertEqual(len(partnership.xpath(".//tr[@data-company-id]")), 1, "only the organisations sharing")
        text = tree.text_content()
        for name in (*NAMES, self.case.name, self.referent.name, self.ext.name):
            self.assertNotIn(name, text)
        self.company_a.parcours_steering_shared = False
        self.assertFalse(render_summary(self.env, self.manager, self.site).xpath("//div[@name='steering_partnership']"))

    @warmup
    def test_dashboard_query_count(self):
        Referent = self.env["parcours.steering.referent"].with_user(self.manager)
        Referent.web_read_group([], ["referent_count:sum", "caseload:avg"], ["site_id", "from_partner"], lazy=False)
        self.env.invalidate_all()
        with self.assertQueryCount(DASHBOARD_QUERIES):
            Referent.web_read_group([], ["referent_count:sum", "caseload:avg"], ["site_id", "from_partner"], lazy=False)
        wizard = (
            self.env["parcours.steering.print"]
            .with_user(self.manager)
            .create({"date_from": "2000-01-01", "date_to": "2100-01-01", "site_ids": [Command.set(self.site.ids)]})
        )
        wizard._people_figures()
        self.env.invalidate_all()
        with self.assertQueryCount(PEOPLE_FIGURES_QUERIES):
            wizard._people_figures()


@tagged("post_install", "-at_install")
class TestSteeringPeopleOnDemo(TransactionCase):
    """The référents of the demo counted by hand from demo/*.xml (situations accepted or under way):

    Liévin: Claire Martin (Lefort, Dubois; MDS de Liévin, Département) and Bernard Vasseur (Nowak; UDAF):
    2 référents, 1 from a partner, caseloads 2 and 1. Bruay-la-Buissière: the MDS de Bruay's professional
    (Département), the AEMO's (a partner) and Claire Martin again (the reception's situation): 3 and 1,
    caseloads 1 each (the accepted situation without a référent and the one declining a référent count
    nobody). Marconne: the MDS de Marconne's professional: 1 and 0. Arques: the MDS d'Arques' professional
    and the UDAF's: 2 and 1 (the PACEA situation is closed). Organisation-wide, Claire Martin and the UDAF's
    professional are each counted once: 6 people named référent. Lefort went through two commissions at
    Liévin; the second decision record reviews her three goals: school achieved, housing in progress, budget
    not achieved yet.
    """

    SITES = {
        "site_lievin_demo": (2, 1, 1, 2),
        "site_bruay_demo": (3, 1, 1, 1),
        "site_marconne_demo": (1, 0, 1, 1),
        "site_arques_demo": (2, 1, 1, 1),
    }

    def setUp(self):
        super().setUp()
        self.manager = self.env.ref("referent_parcours.user_responsable_demo")

    def test_demo_referents_per_site(self):
        Referent = self.env["parcours.steering.referent"].with_user(self.manager)
        for xmlid, expected in self.SITES.items():
            with self.subTest(site=xmlid):
                site = self.env.ref(f"referent_parcours.{xmlid}")
                domain = [("site_id", "=", site.id)]
                [(count, low, high)] = Referent._read_group(
                    domain, [], ["referent_count:sum", "caseload:min", "caseload:max"]
                )
                partners = Referent.search_count(domain + [("from_partner", "=", True)])
                self.assertEqual((count, partners, low, high), expected)

    def test_demo_partnership_and_journey(self):
        company = self.manager.company_id
        company.parcours_steering_shared = True
        [row] = (
            self.env["parcours.steering.partnership"]
            .with_user(self.manager)
            .search_read([("company_id", "=", company.id)], ["referent_count"])
        )
        self.assertEqual(row["referent_count"], 6)
        lievin = self.env.ref("referent_parcours.site_lievin_demo")
        tree = render_summary(self.env, self.manager, lievin)
        people = tree.xpath(f"//div[@data-site-id='{lievin.id}']//div[@name='steering_people']")[0]
        self.assertEqual(cell(people, "referents_distinct"), "2 (1)")
        self.assertEqual(cell(people, "caseload"), "1 / 1.5 / 2")
        self.assertEqual(cell(people, "families_again"), "1")
        self.assertEqual(cell(people, "goals_between"), "1 / 1 / 0 / 1 (3)")
        self.assertNotIn("Lefort", tree.text_content())
