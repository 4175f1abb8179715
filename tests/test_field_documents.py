import io

import psycopg2
from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import HttpCase, tagged, warmup
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .common import ParcoursCommon

# Rendering the fiche de synthèse of a plan with 4 diagnostic elements and 3 steps, warm, as a professional.
DIAGNOSTIC_RENDER_QUERIES = 28


def pdf_text(content):
    reader = PdfFileReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


class FieldDocumentsData(ParcoursCommon):
    """The Durand family's plan, adopted in commission, filled as the field forms ask: an Ariège diagnosis
    (final goal, question of the path, difficulties ranked and resources, the proposed path), a Bas-Rhin
    household and list of professionals; health is a subject the person refuses to share, allowed to ``pro``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.domain_budget = cls.env.ref("referent_parcours.life_domain_budget")
        cls.domain_employment = cls.env.ref("referent_parcours.life_domain_employment")
        cls.person.write(
            {
                "email": "durand@example.com",
                "street": "3 rue des Tilleuls",
                "zip": "62800",
                "city": "Liévin",
                "phone": "03 53 48 00 01",
                "mobile": "06 39 98 00 01",
                "title": cls.env.ref("base.res_partner_title_madam").id,
            }
        )
        cls.case.member_ids = [
            Command.create(
                {
                    "lastname": "Durand",
                    "firstname": "Nadia",
                    "relationship": "self",
                    "birthdate": "1988-04-12",
                    "family_situation": "separated",
                    "activity": "Hôtesse de caisse à mi-temps",
                }
            )
        ]
        cls.pro_line = cls.case.intervenant_ids.filtered(lambda i: i.user_id == cls.pro)
        cls.pro_line.write({"frequency": "Une fois par mois", "function": "Conseillère ESF"})
        cls.referent_line = cls.case.referent_intervenant_id
        cls.refusal = cls.env["parcours.refused.subject"].create(
            {
                "case_id": cls.case.id,
                "domain_id": cls.domain_health.id,
                "allowed_intervenant_ids": [Command.set(cls.pro_line.ids)],
            }
        )
        cls.commission = cls._create_session(days=-20)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.commission.id})
        cls.projet = cls.env["parcours.projet"].create(
            {
                "case_id": cls.case.id,
                "diagnostic_phase": "reception",
                "diagnostic_date_start": fields.Date.add(fields.Date.today(), days=-60),
                "diagnostic_date_end": fields.Date.add(fields.Date.today(), days=-30),
                "final_goal": "Trouver un emploi d'hôtesse de caisse",
                "path_question": "Comment travailler sans laisser mon fils seul à la maison ?",
                "diagnostic_comments": "Madame Durand veut commencer par la voiture.",
                "observations": "Madame Durand viendra avec sa sœur.",
                "revision_date": fields.Date.add(fields.Date.today(), months=4),
                "commission_rhythm": "Tous les trois mois",
            }
        )
        Objective = cls.env["parcours.objective"]
        cls.goal_housing = Objective.create(
            {"projet_id": cls.projet.id, "domain_id": cls.domain_housing.id, "name": "Trouver un logement plus petit"}
        )
        cls.goal_budget = Objective.create(
            {"projet_id": cls.projet.id, "domain_id": cls.domain_budget.id, "name": "Solder les dettes"}
        )
        cls.goal_health = Objective.create(
            {"projet_id": cls.projet.id, "domain_id": cls.domain_health.id, "name": "Suivi au CMP tous les mois"}
        )
        Line = cls.env["parcours.diagnostic.line"]
        cls.line_housing = Line.create(
            {
                "projet_id": cls.projet.id,
                "domain_id": cls.domain_housing.id,
                "priority": 4,
                "description": "Logement trop grand et trop cher",
                "objective_id": cls.goal_housing.id,
            }
        )
        cls.line_budget = Line.create(
            {
                "projet_id": cls.projet.id,
                "domain_id": cls.domain_budget.id,
                "priority": 3,
                "description": "Dettes de loyer et de cantine",
                "objective_id": cls.goal_budget.id,
            }
        )
        cls.line_health = Line.create(
            {
                "projet_id": cls.projet.id,
                "domain_id": cls.domain_health.id,
                "priority": 2,
                "description": "Dépression",
                "objective_id": cls.goal_health.id,
            }
        )
        cls.line_lever = Line.create(
            {
                "projet_id": cls.projet.id,
                "domain_id": cls.domain_employment.id,
                "kind": "lever",
                "description": "Expérience professionnelle en caisse",
            }
        )
        Step = cls.env["parcours.projet.step"]
        today = fields.Date.today()
        cls.step_debt = Step.create(
            {
                "projet_id": cls.projet.id,
                "objective_id": cls.goal_budget.id,
                "name": "État de la dette de cantine",
                "planned_date": fields.Date.add(today, days=10),
                "operator": "Établissement scolaire",
            }
        )
        cls.step_housing = Step.create(
            {
                "projet_id": cls.projet.id,
                "objective_id": cls.goal_housing.id,
                "name": "Demande de logement HLM",
                "planned_date": fields.Date.add(today, days=20),
                "operator": "Bailleur social",
            }
        )
        cls.step_health = Step.create(
            {
                "projet_id": cls.projet.id,
                "objective_id": cls.goal_health.id,
                "name": "Premier rendez-vous au CMP",
                "planned_date": fields.Date.add(today, days=5),
            }
        )
        cls.projet.action_adopt(passage=cls.passage)

    def _tree(self, user, report, records, **context):
        Report = self.env["ir.actions.report"].with_user(user).with_context(**context)
        return html.fromstring(Report._render_qweb_html(report, records.ids)[0])

    def _columns(self, tree, table):
        return tree.xpath(f"//table[@name='{table}']/thead//th/@data-column")

    def _text(self, node):
        return " ".join(node.text_content().split()) if not isinstance(node, str) else " ".join(node.split())


@tagged("post_install", "-at_install")
class TestFieldDocuments(FieldDocumentsData):
    """The field documents of annex 2 of the national guide, printed field by field."""

    # ------------------------------------------------------------------
    # Fiche de synthèse diagnostic (Ariège)
    # ------------------------------------------------------------------

    def test_fiche_de_synthese_fields(self):
        """Ariège "fiche de synthèse des éléments de diagnostic": Prénom - Nom de la personne accompagnée, Nom du
        référent de parcours, Date de l'entretien, Phase d'accueil / Phase accompagnement, Objectif final de
        l'accompagnement, Problématique du parcours; Analyse objective du diagnostic (Eléments du diagnostic, Frein,
        Moteur, Priorité de 1 à 7, Objectif formalisé); Parcours proposé (N° objectif, Intitulé étape, Dates
        prévues, Opérateur pressenti); Commentaires."""
        tree = self._tree(self.pro, "referent_parcours.action_report_parcours_diagnostic", self.projet)

        def cell(name):
            return self._text(tree.xpath(f"string(//*[@name='{name}'])"))

        self.assertEqual(cell("person"), "Famille Durand")
        self.assertEqual(cell("referent"), self.referent.partner_id.name)
        start, end = self.projet.diagnostic_date_start, self.projet.diagnostic_date_end
        self.assertEqual(cell("interview_dates"), f"{start.strftime('%m/%d/%Y')} – {end.strftime('%m/%d/%Y')}")
        self.assertEqual(cell("phase"), "Reception phase")
        self.assertIn("Trouver un emploi d'hôtesse de caisse", cell("final_goal"))
        self.assertIn("sans laisser mon fils seul", cell("path_question"))
        self.assertIn("commencer par la voiture", cell("comments"))

        self.assertEqual(
            self._columns(tree, "diagnostic"), ["domain", "description", "brake", "lever", "priority", "goal"]
        )
        rows = {int(row.get("data-line-id")): row for row in tree.xpath("//table[@name='diagnostic']/tbody/tr")}
        self.assertEqual(
            list(rows), [self.line_health.id, self.line_budget.id, self.line_housing.id, self.line_lever.id]
        )
        housing = rows[self.line_housing.id]
        self.assertEqual(self._text(housing.xpath("string(td[@name='brake'])")), "X")
        self.assertEqual(self._text(housing.xpath("string(td[@name='lever'])")), "")
        self.assertEqual(self._text(housing.xpath("string(td[@name='priority'])")), "4")
        self.assertEqual(self._text(housing.xpath("string(td[@name='goal'])")), "Trouver un logement plus petit")

        self.assertEqual(self._columns(tree, "path"), ["number", "step", "planned_date", "operator"])
        steps = {int(row.get("data-step-id")): row for row in tree.xpath("//table[@name='path']/tbody/tr")}
        self.assertEqual(set(steps), {self.step_debt.id, self.step_housing.id, self.step_health.id})
        debt = steps[self.step_debt.id]
        self.assertTrue(self._text(debt.xpath("string(td[@name='number'])")).startswith("3"), "the goal's number")
        self.assertIn("État de la dette de cantine", self._text(debt))
        self.assertIn("Établissement scolaire", self._text(debt))
        self.assertTrue(self._text(steps[self.step_housing.id].xpath("string(td[@name='number'])")).startswith("4"))
        self.assertIn("cannot be passed on for any other purpose", self._text(tree))

    def test_priority_ranks_obstacles_only(self):
        """Ariège grid: "Priorité (de 1 à 7)" is given to the difficulties (freins), never to the resources."""
        projet = self.projet.action_revise()
        self.assertEqual(self.line_lever.priority, 0, "A resource has no priority")
        lever = projet.diagnostic_ids.filtered(lambda line: line.kind == "lever")
        self.assertEqual(lever.priority, 0)
        brake = self.env["parcours.diagnostic.line"].create(
            {"projet_id": projet.id, "domain_id": self.domain_budget.id, "description": "Pas de voiture"}
        )
        self.assertEqual(brake.priority, 1, "A difficulty is ranked, first by default")
        brake.kind = "lever"
        self.assertEqual(brake.priority, 0, "Becoming a resource, it loses its rank")
        attempts = [
            ({"kind": "lever", "priority": 2}, "Only difficulties"),
            ({"kind": "brake", "priority": 8}, "from 1"),
            ({"kind": "brake", "priority": 0}, "from 1"),
        ]
        for vals, message in attempts:
            with self.subTest(vals=vals):
                try:
                    with self.cr.savepoint(), mute_logger("odoo.sql_db"):
                        self.env["parcours.diagnostic.line"].create(
                            {"projet_id": projet.id, "domain_id": self.domain_budget.id, "description": "x", **vals}
                        )
                    self.fail("The database accepted it")
                except psycopg2.IntegrityError as error:
                    self.assertIn(message, str(_as_validation_error(self.env, error)))
        tree = self._tree(self.pro, "referent_parcours.action_report_parcours_diagnostic", self.projet)
        for row in tree.xpath("//table[@name='diagnostic']/tbody/tr"):
            priority = self._text(row.xpath("string(td[@name='priority'])"))
            if row.get("data-kind") == "lever":
                self.assertEqual(priority, "", "no priority printed for a resource")
            else:
                self.assertIn(priority, {"1", "2", "3", "4", "5", "6", "7"})

    def test_formalised_goal_is_the_plan_goal(self):
        """Ariège grid "Objectif formalisé" and "N° objectif": the plan's own goal, linked, not a copied text; a
        revision links its copies to the goals it carries."""
        self.assertEqual(self.line_budget.objective_id, self.goal_budget)
        other = self.env["parcours.projet"].create({"case_id": self.other_case.id})
        foreign = self.env["parcours.objective"].create(
            {"projet_id": other.id, "domain_id": self.domain_budget.id, "name": "Autre plan"}
        )
        revision = self.projet.action_revise()
        line = revision.diagnostic_ids.filtered(lambda line: line.domain_id == self.domain_budget)
        with self.assertRaisesRegex(ValidationError, "same plan"), self.cr.savepoint():
            line.objective_id = foreign
        step = revision.step_ids.filtered(lambda step: step.name == "Demande de logement HLM")
        with self.assertRaisesRegex(ValidationError, "same plan"), self.cr.savepoint():
            step.objective_id = foreign
        for copy in (line, step, revision.diagnostic_ids.filtered(lambda line: line.domain_id == self.domain_health)):
            with self.subTest(copy=copy):
                self.assertEqual(copy.objective_id.projet_id, revision, "linked to the revision's own goal")
        self.assertEqual(line.objective_id.carried_from_id, self.goal_budget)
        self.assertEqual(revision.diagnostic_phase, "accompaniment", "a revision is made in the accompaniment")
        self.assertEqual(revision.final_goal, self.projet.final_goal)
        line.objective_id.name = "Solder la dette de loyer"
        tree = self._tree(self.pro, "referent_parcours.action_report_parcours_diagnostic", revision)
        self.assertIn("Solder la dette de loyer", self._text(tree.xpath("//table[@name='diagnostic']")[0]))
        with self.assertRaisesRegex(UserError, "Revise"):
            self.line_budget.objective_id = False

    # ------------------------------------------------------------------
    # Projet avec la famille (Bas-Rhin)
    # ------------------------------------------------------------------

    def test_bas_rhin_plan_fields(self):
        """Bas-Rhin "projet avec la famille": NOM-Prénom, Date de la commission, Adresse; Composition familiale
        (Nom, Prénom, Date de naissance, Situation familiale, Activité); Présentation globale de la situation;
        Compétences, potentialités, points forts; Professionnels intervenants / mesures en cours (Nom/prénom,
        fonction, structure, Tel/mail, Mesure en cours, Bénéficiaire(s), Date début, échéance, and how often);
        Objectifs de travail (objectifs, moyens/actions, acteurs); Observations; Référent de parcours (Nom/prénom,
        fonction, structure, Tel/mail, Adresse); Date de révision prévisionnelle; Signatures (La famille: date,
        nom-prénom, signature; Pour la commission: date, nom-prénom-fonction, signature)."""
        tree = self._tree(self.pro, "referent_parcours.action_report_parcours_projet", self.projet)
        identity = self._text(tree.xpath("//table[@name='identity']")[0])
        self.assertIn("Famille Durand", identity)
        self.assertIn("3 rue des Tilleuls", self._text(tree.xpath("string(//td[@name='address'])")))
        self.assertIn("Liévin", self._text(tree.xpath("string(//td[@name='address'])")))
        self.assertIn("Adopted in commission on", identity)

        self.assertEqual(
            self._columns(tree, "household"),
            ["lastname", "firstname", "birthdate", "relationship", "family_situation", "activity"],
        )
        members = [self._text(row) for row in tree.xpath("//table[@name='household']/tbody/tr")]
        self.assertEqual(len(members), 2)
        nadia = next(row for row in members if "Nadia" in row)
        for value in ("Durand", "04/12/1988", "The person", "Separated", "Hôtesse de caisse"):
            self.assertIn(value, nadia)
        self.assertTrue(any("Léa" in row and "Child" in row for row in members))

        self.assertEqual(
            self._columns(tree, "intervenants"),
            [
                "name",
                "function",
                "structure",
                "contact",
                "accompaniment",
                "beneficiaries",
                "date_start",
                "date_end",
                "frequency",
            ],
        )
        row = self._text(
            tree.xpath(f"//table[@name='intervenants']/tbody/tr[@data-intervenant-id='{self.pro_line.id}']")[0]
        )
        for value in (
            self.pro.partner_id.name,
            "Conseillère ESF",
            "MDS de Liévin (test)",
            "pro@example.com",
            "Accompagnement social",
            "The whole household",
            self.pro_line.date_start.strftime("%m/%d/%Y"),
            "Une fois par mois",
        ):
            self.assertIn(value, row)
        self.assertEqual(len(tree.xpath("//table[@name='intervenants']/tbody/tr")), 3)

        self.assertEqual(self._columns(tree, "referent"), ["name", "function", "structure", "contact", "address"])
        self.assertIn(self.referent.partner_id.name, self._text(tree.xpath("//table[@name='referent']")[0]))
        self.assertIn("Madame Durand viendra avec sa sœur", self._text(tree.xpath("//div[@name='observations']")[0]))
        self.assertIn(
            self.projet.revision_date.strftime("%m/%d/%Y"), self._text(tree.xpath("//p[@name='revision']")[0])
        )
        self.assertIn("Trouver un logement plus petit", self._text(tree.xpath("//table[@name='goals']")[0]))

        self.assertEqual(self._columns(tree, "signatures"), ["family", "commission"])
        signatures = tree.xpath("//table[@name='signatures']")[0]
        today = self.projet.adopted_date.strftime("%m/%d/%Y")
        self.assertIn(today, self._text(signatures.xpath(".//td[@name='family_date']")[0]))
        self.assertIn(today, self._text(signatures.xpath(".//td[@name='commission_date']")[0]))
        self.assertIn("Nadia Durand", self._text(signatures.xpath(".//td[@name='family_names']")[0]))
        self.assertIn(self.pilot.name, self._text(signatures.xpath(".//td[@name='commission_names']")[0]))
        self.assertIn("cannot be passed on for any other purpose", self._text(tree))

    def test_shared_copies_leave_refused_subjects_out(self):
        """The plan and the fiche handed out (or read by whom the person did not allow) omit the refused subject."""
        for report in (
            "referent_parcours.action_report_parcours_projet",
            "referent_parcours.action_report_parcours_diagnostic",
        ):
            with self.subTest(report=report):
                allowed = self._text(self._tree(self.pro, report, self.projet))
                self.assertIn("CMP", allowed, "the professional the person allowed reads it")
                for tree in (
                    self._tree(self.pro, report, self.projet, parcours_shared_copy=True),
                    self._tree(self.ext, report, self.projet),
                    self._tree(self.secretary, report, self.projet),
                ):
                    text = self._text(tree)
                    self.assertNotIn("CMP", text)
                    self.assertNotIn("Dépression", text)
                    self.assertIn("Trouver un logement plus petit", text)

    # ------------------------------------------------------------------
    # Send the plan
    # ------------------------------------------------------------------

    def test_send_the_plan(self):
        """ "Send the plan": one e-mail per recipient (the family and every professional who follows the situation
        with an address, not one whose intervention ended), the copy handed out attached and filed on the plan,
        a note in the situation's file."""
        gone = self.env["res.partner"].create({"name": "Ancien éducateur", "email": "ancien@example.com"})
        self.env["parcours.intervenant"].create(
            {
                "case_id": self.case.id,
                "partner_id": gone.id,
                "structure_id": self.structure_a.id,
                "date_start": fields.Date.add(fields.Date.today(), days=-90),
                "date_end": fields.Date.add(fields.Date.today(), days=-1),
            }
        )
        before = self.env["mail.mail"].search([])
        self.projet.with_user(self.referent).action_send()
        mails = self.env["mail.mail"].search([]) - before
        self.assertEqual(
            sorted(mails.mapped("email_to")),
            sorted(
                [
                    '"Famille Durand" <durand@example.com>',
                    '"Pro" <pro@example.com>',
                    '"Ext" <ext@example.com>',
                    '"Referent" <referent@example.com>',
                ]
            ),
        )
        attachment = mails.attachment_ids
        self.assertEqual(len(attachment), 1, "one copy, attached to every e-mail")
        self.assertTrue(all(mail.attachment_ids == attachment for mail in mails))
        self.assertEqual((attachment.res_model, attachment.res_id), ("parcours.projet", self.projet.id))
        filed = attachment.raw.decode()
        self.assertIn("Trouver un logement plus petit", filed)
        self.assertNotIn("CMP", filed, "the copy sent leaves the refused subject out")
        self.assertIn("version 1", mails[0].subject)
        self.assertIn("Here is the plan we built together", mails[0].body_html)
        note = self.case.message_ids.filtered(lambda m: m.attachment_ids == attachment)
        self.assertEqual(len(note), 1, "noted in the situation's file")
        self.assertIn("Famille Durand", note.body)
        self.assertEqual(note.author_id, self.referent.partner_id)
        self.assertTrue(attachment.with_user(self.pro).read(["name"]), "read by who reads the plan")

    def test_send_the_plan_refused(self):
        """Only the professionals who follow the situation send its plan, and only once adopted."""
        for user in (self.pro_other, self.ext_other, self.manager, self.pilot, self.secretary, self.employee):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.projet.with_user(user).action_send()
        self._open_exceptionally(self.manager, self.case)
        with self.assertRaises(AccessError):
            self.projet.with_user(self.manager).action_send()
        draft = self.projet.action_revise()
        with self.assertRaisesRegex(UserError, "adopted in commission"):
            draft.with_user(self.referent).action_send()
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "parcours.projet")]))

    # ------------------------------------------------------------------
    # Liste d'accompagnement (Paris)
    # ------------------------------------------------------------------

    def test_paris_accompaniment_list_fields(self):
        """Paris "liste d'accompagnement": Monsieur ou Madame, Mon NOM, Mon Prénom, Ma date de naissance, Mon adresse
        mail, Téléphone 1, Téléphone 2, Mon adresse postale; A (Nom, Prénom, Service, Objet, Adresse mail,
        Téléphone, and since when); B (intéressé-e par la référence de parcours: Oui/Non); C (j'ai choisi un
        référent: Oui/Non, c'est M. ou Mme); D (intéressé-e par une armoire numérique: Oui/Non)."""
        tree = self._tree(self.pro, "referent_parcours.action_report_parcours_accompaniment_list", self.case)

        def cell(name):
            return self._text(tree.xpath(f"string(//table[@name='person']//td[@name='{name}'])"))

        expected = {
            "title": "Madam",
            "lastname": "Durand",
            "firstname": "Nadia",
            "birthdate": "04/12/1988",
            "email": "durand@example.com",
            "phone": "03 53 48 00 01",
            "mobile": "06 39 98 00 01",
        }
        for name, value in expected.items():
            with self.subTest(field=name):
                self.assertEqual(cell(name), value)
        self.assertIn("3 rue des Tilleuls", cell("address"))
        self.assertEqual(
            self._columns(tree, "intervenants"), ["name", "structure", "accompaniment", "email", "phone", "date_start"]
        )
        rows = tree.xpath("//table[@name='intervenants']/tbody/tr")
        self.assertEqual(len(rows), 3)
        referent_row = self._text(tree.xpath(f"//tr[@data-intervenant-id='{self.referent_line.id}']")[0])
        self.assertIn("(my référent)", referent_row)
        self.assertIn("referent@example.com", referent_row)

        def checked(question):
            return tree.xpath(f"//p[@name='{question}']//span[@data-checked='1']/@data-answer")

        self.assertEqual(checked("wants_approach"), ["yes"], "B: she agreed to join")
        self.assertEqual(checked("chose_referent"), ["yes"], "C: she chose her référent")
        self.assertEqual(self._text(tree.xpath("string(//span[@name='referent_name'])")), self.referent.partner_id.name)
        self.assertEqual(checked("wants_locker"), [], "D: not asked yet")
        self.case.locker_wish = "no"
        tree = self._tree(self.pro, "referent_parcours.action_report_parcours_accompaniment_list", self.case)
        self.assertEqual(checked("wants_locker"), ["no"])
        self.assertIn("cannot be passed on for any other purpose", self._text(tree))

    def test_paris_list_printed_only_by_who_follows(self):
        """The person's list is printed by the professionals who follow her: not by the pilot or the secretariat
        (who read the situation for the commission), a stranger, another organisation or a manager."""
        report = "referent_parcours.action_report_parcours_accompaniment_list"
        self.assertVisible(self.pilot, self.case, "the pilot reads the situation for the commission")
        self._open_exceptionally(self.manager, self.case)
        for user in (self.pilot, self.secretary, self.pro_other, self.ext_other, self.manager, self.employee):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, self.case.ids)
                with self.assertRaises(AccessError):
                    self.env["ir.actions.report"].with_user(user)._render_qweb_pdf(report, self.case.ids)
        for user in (self.pro, self.ext, self.referent):
            with self.subTest(user=user.login):
                self.assertTrue(self._tree(user, report, self.case).xpath("//table[@name='intervenants']"))

    # ------------------------------------------------------------------
    # Leaflet
    # ------------------------------------------------------------------

    def test_leaflet(self):
        """Pas-de-Calais leaflet "Qu'est-ce qu'un référent de parcours ?": who the référent is, that the person
        chooses (and may refuse), the commission with her, nothing shared without her agreement, a subject she
        may refuse, how to change her mind; nothing of the situation, not a consultation."""
        Log = self.env["parcours.access.log"].sudo()
        before = Log.search_count([])
        Report = self.env["ir.actions.report"].with_user(self.pro)
        tree = html.fromstring(
            Report._render_qweb_pdf("referent_parcours.action_report_parcours_leaflet", self.case.ids)[0]
        )
        self.assertEqual(len(tree.xpath("//div[@name='leaflet']")), 1)
        for section in ("who", "choice", "commission", "agreement", "withdraw", "confidentiality"):
            self.assertTrue(tree.xpath(f"//div[@name='leaflet']//*[@name='{section}']"), section)
        text = self._text(tree)
        self.assertIn("You choose your référent", text)
        self.assertIn("Saying no changes nothing", text)
        self.assertIn("only if you agree", text)
        self.assertIn("refuse that a subject be talked about", text)
        self.assertNotIn("Durand", text, "the same leaflet for everyone")
        self.assertEqual(Log.search_count([]), before, "printing the leaflet is not a consultation")
        two = html.fromstring(
            Report._render_qweb_html("referent_parcours.action_report_parcours_leaflet", (self.case | self.case).ids)[0]
        )
        self.assertEqual(len(two.xpath("//div[@name='leaflet']")), 1, "printed once")
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.pro_other)._render_qweb_html(
                "referent_parcours.action_report_parcours_leaflet", self.case.ids
            )

    # ------------------------------------------------------------------
    # Budget
    # ------------------------------------------------------------------

    @warmup
    def test_fiche_rendering_query_count(self):
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(DIAGNOSTIC_RENDER_QUERIES):
            self.env["ir.actions.report"].with_user(self.pro)._render_qweb_html(
                "referent_parcours.action_report_parcours_diagnostic", self.projet.ids
            )


@tagged("post_install", "-at_install")
class TestFieldDocumentsHttp(HttpCase, FieldDocumentsData):
    """Real PDFs of the field documents, rendered by wkhtmltopdf against the running server; the leaflet in the
    person's space."""

    def _pdf(self, report, records, user):
        Report = self.env["ir.actions.report"].with_user(user).with_context(force_report_rendering=True)
        content, kind = Report._render_qweb_pdf(report, records.ids)
        self.assertEqual(kind, "pdf")
        return pdf_text(content)

    def test_field_documents_are_real_pdfs(self):
        plan = self._pdf("referent_parcours.action_report_parcours_projet", self.projet, self.pro)
        for value in ("Famille Durand", "3 rue des Tilleuls", "Nadia", "Une fois par mois", "For the commission"):
            self.assertIn(value, plan)
        fiche = self._pdf("referent_parcours.action_report_parcours_diagnostic", self.projet, self.pro)
        for value in ("Trouver un emploi", "Demande de logement HLM", "Bailleur social"):
            self.assertIn(value, fiche)
        listing = self._pdf("referent_parcours.action_report_parcours_accompaniment_list", self.case, self.referent)
        for value in ("Nadia", "06 39 98 00 01", "referent@example.com"):
            self.assertIn(value, listing)
        leaflet = self._pdf("referent_parcours.action_report_parcours_leaflet", self.case, self.referent)
        self.assertIn("référent de parcours", leaflet)
        self.projet.with_user(self.referent).with_context(force_report_rendering=True).action_send()
        attachment = self.env["ir.attachment"].search([("res_model", "=", "parcours.projet")])
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertIn("Trouver un logement plus petit", pdf_text(attachment.raw))

    def test_leaflet_from_my_space(self):
        space = (
            self.env["parcours.person.space"]
            .with_user(self.referent)
            .create({"case_id": self.case.id, "partner_id": self.person.id})
        )
        space._grant()
        self.authenticate("test_durand", "test_durand")
        home = html.fromstring(self.url_open(f"/my/parcours/{space.id}").content)
        links = home.xpath("//p[@name='leaflet']/a/@href")
        self.assertEqual(links, [f"/my/parcours/{space.id}/leaflet"])
        response = self.url_open(links[0])
        self.assertEqual(response.status_code, 200)
        self.assertIn("What is a référent de parcours?", html.fromstring(response.content).text_content())
        other = self.env["parcours.person.space"].create(
            {"case_id": self.other_case.id, "partner_id": self.other_person.id}
        )
        self.assertEqual(self.url_open(f"/my/parcours/{other.id}/leaflet").status_code, 404)
