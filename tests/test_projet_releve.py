import psycopg2
from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import Form, tagged, warmup
from odoo.tools import mute_logger

from .common import ParcoursCommon

SIGNATURE = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
RELEVE_RENDER_QUERIES = 33


@tagged("post_install", "-at_install")
class TestProjetReleve(ParcoursCommon):
    """The plan with the person and the decision record: versions, pre-fill, review, signatures, documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.first = cls._create_session(days=10)
        cls.second = cls._create_session(days=40)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.first.id})
        cls.passage.invitee_ids.write({"attendance": "present"})
        cls.domain_budget = cls.env.ref("referent_parcours.life_domain_budget")
        cls.pro_line = cls.case.intervenant_ids.filtered(lambda i: i.user_id == cls.pro)

    def _open_releve(self, passage=None, user=None):
        passage = passage or self.passage
        action = passage.with_user(user or self.secretary).action_open_releve()
        return self.env["parcours.releve"].browse(action["res_id"])

    def _sign_all(self, releve):
        for line in releve.signature_ids:
            line.signature = SIGNATURE

    def _first_commission(self):
        releve = self._open_releve()
        releve.with_user(self.secretary).write(
            {
                "objective_ids": [
                    Command.create(
                        {
                            "domain_id": self.domain_housing.id,
                            "name": "Trouver un logement plus grand",
                            "means": "Dossier de demande de logement social",
                            "actor_intervenant_ids": [Command.set(self.pro_line.ids)],
                            "deadline": fields.Date.add(fields.Date.today(), months=3),
                        }
                    ),
                    Command.create({"domain_id": self.domain_budget.id, "name": "Faire un budget chaque mois"}),
                ],
                "next_commission_date": self.second._local_start().date(),
            }
        )
        releve.projet_id.step_ids = [Command.create({"name": "Déposer le dossier"})]
        self._sign_all(releve)
        releve.with_user(self.secretary).action_validate()
        return releve

    def test_prefill_from_the_situation(self):
        releve = self._open_releve()
        self.assertEqual(releve.family_name, "Famille Durand")
        self.assertIn("Léa", releve.children)
        for user in (self.pro, self.ext, self.referent):
            self.assertIn(user.partner_id.name, releve.accompaniments)
            self.assertIn(user.partner_id.name, releve.present)
        self.assertEqual(set(releve.signature_ids.mapped("role")), {"family", "pilot", "referent", "partner"})
        self.assertTrue(all(releve.signature_ids.mapped("required")), "Everyone was present, everyone signs")
        self.assertEqual(releve.referent_intervenant_id.user_id, self.referent)
        self.assertEqual(releve.projet_id.state, "draft", "The first commission builds the first plan")
        self.assertFalse(releve.review_ids)
        self.assertEqual(self._open_releve(), releve, "Opening again gives the same record")
        with self.assertRaisesRegex(UserError, "already has its decision record"):
            self.env["parcours.releve"].create({"passage_id": self.passage.id})
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env.cr.execute(
                "INSERT INTO parcours_releve (passage_id, state, revision) VALUES (%s, 'draft', 0)", [self.passage.id]
            )

    def test_signatures_and_validation(self):
        releve = self._open_releve()
        releve.objective_ids = [Command.create({"domain_id": self.domain_housing.id, "name": "Logement"})]
        with self.assertRaisesRegex(UserError, "The family has not signed"):
            releve.action_validate()
        family = releve.signature_ids.filtered(lambda s: s.role == "family")
        family.write({"refused": True, "refusal_note": "Pas d'accord avec l'objectif logement"})
        with self.assertRaisesRegex(UserError, "Signatures missing"):
            releve.action_validate()
        (releve.signature_ids - family).write({"signature": SIGNATURE})
        self.assertTrue(all((releve.signature_ids - family).mapped("signed_on")))
        self.assertEqual((releve.signature_ids - family).captured_by_id, self.env.user)
        releve.action_validate()
        self.assertEqual(releve.state, "validated")
        self.assertEqual(releve.projet_id.state, "adopted")
        self.assertEqual(releve.projet_id.adopted_passage_id, self.passage)
        self.assertEqual(releve.attachment_id.res_model, "parcours.releve")
        self.assertEqual(releve.attachment_id.res_id, releve.id)
        shared = self.env["mail.mail"].search([("attachment_ids", "in", releve.attachment_id.ids)])
        self.assertIn(self.person.email, " ".join(shared.mapped("email_to")), "The family receives its copy")
        self.assertEqual(len(shared), len(self.passage.invitee_ids.filtered(lambda i: i.partner_id.email)))
        with self.assertRaisesRegex(UserError, "amendment"):
            releve.write({"observations": "Ajout après coup"})
        with self.assertRaisesRegex(UserError, "no longer change"):
            family.write({"refused": False})

    def test_signing_on_screen(self):
        """The secretary opens each signer's line and captures the signature, as in the meeting."""
        releve = self._open_releve()
        with Form(releve.with_user(self.secretary)) as form:
            for index in range(len(form.signature_ids)):
                with form.signature_ids.edit(index) as line:
                    if line.role == "partner" and index % 2:
                        line.refused = True
                        line.refusal_note = "Je préfère relire le relevé avant de signer"
                    else:
                        line.signature = SIGNATURE
        self.assertTrue(releve.signatures_complete)
        refused = releve.signature_ids.filtered("refused")
        self.assertTrue(refused)
        self.assertFalse(refused.signed_on)
        self.assertEqual((releve.signature_ids - refused).captured_by_id, self.secretary)

    def test_absent_partner_need_not_sign(self):
        self.passage.invitee_ids.filtered(lambda i: i.partner_id == self.ext.partner_id).attendance = "absent"
        releve = self._open_releve()
        line = releve.signature_ids.filtered(lambda s: s.partner_id == self.ext.partner_id)
        self.assertFalse(line.required)
        releve.objective_ids = [Command.create({"domain_id": self.domain_housing.id, "name": "Logement"})]
        (releve.signature_ids - line).write({"signature": SIGNATURE})
        releve.action_validate()
        self.assertEqual(releve.state, "validated")

    def test_two_commissions_review_goals_and_version_the_plan(self):
        first = self._first_commission()
        v1 = first.projet_id
        self.assertEqual(v1.state, "adopted")
        self.assertEqual(len(v1.objective_ids), 2)
        self.assertEqual(self.passage.next_commission_date, self.second._local_start().date())

        action = self.passage.action_plan_next_passage()
        passage2 = self.env["parcours.passage"].browse(action["res_id"])
        self.assertEqual(passage2.commission_id, self.second)
        passage2.invitee_ids.write({"attendance": "present"})
        second = self._open_releve(passage2)
        self.assertEqual(second.previous_releve_id, first)
        self.assertEqual(second.previous_commission_date, first.date)
        self.assertEqual(
            second.review_ids.objective_id, v1.objective_ids, "The goals of the first commission are reviewed"
        )
        v2 = second.projet_id
        self.assertEqual((v2.version, v2.previous_id, v2.state), (2, v1, "draft"))
        self.assertEqual(v1.state, "review")
        self.assertEqual(len(v2.objective_ids), 2, "Open goals are carried to the new version")

        housing = second.review_ids.filtered(lambda r: r.objective_id.domain_id == self.domain_housing)
        budget = second.review_ids - housing
        housing.write({"outcome": "achieved", "comment": "Logement attribué en mars"})
        budget.write({"outcome": "in_progress", "comment": "Le budget est tenu deux mois sur trois"})
        second.objective_ids = [
            Command.create(
                {
                    "domain_id": self.domain_health.id,
                    "name": "Prendre rendez-vous au CMP",
                    "actor_other": "La grand-mère",
                }
            )
        ]
        self._sign_all(second)
        second.action_validate()

        self.assertEqual(v2.state, "adopted")
        self.assertEqual(v1.state, "closed")
        self.assertEqual(v1.objective_ids.filtered(lambda o: o.domain_id == self.domain_housing).status, "achieved")
        self.assertIn("CMP", " ".join(v2.objective_ids.mapped("name")), "New goals feed the plan, no double entry")
        self.assertEqual(len(v2.objective_ids), 2, "The achieved housing goal is not carried; budget and CMP are")
        carried = v2.objective_ids.filtered("carried_from_id")
        self.assertEqual((carried.domain_id, carried.status), (self.domain_budget, "in_progress"))
        self.assertIn("deux mois sur trois", carried.status_note)
        with self.assertRaisesRegex(UserError, "adopted in commission"):
            v1.write({"observations": "Réécrire l'histoire"})
        self.assertTrue(v1.read(["diagnosis", "observations"]), "Every version stays readable")

    def test_plan_versions_are_frozen_and_unique(self):
        projet = self.env["parcours.projet"].create({"case_id": self.case.id})
        with self.assertRaisesRegex(UserError, "already being built"):
            self.env["parcours.projet"].create({"case_id": self.case.id})
        with self.assertRaisesRegex(UserError, "at least one goal"):
            projet.action_adopt()
        goal = self.env["parcours.objective"].create(
            {"projet_id": projet.id, "domain_id": self.domain_housing.id, "name": "Logement"}
        )
        line = self.env["parcours.diagnostic.line"].create(
            {"projet_id": projet.id, "domain_id": self.domain_housing.id, "description": "Logement trop petit"}
        )
        projet.action_adopt()
        with self.assertRaisesRegex(UserError, "Revise"):
            projet.write({"strengths": "Autre"})
        with self.assertRaisesRegex(UserError, "Revise"):
            line.unlink()
        with self.assertRaisesRegex(UserError, "agreed in commission"):
            goal.write({"name": "Autre objectif"})
        goal.write({"status": "in_progress", "status_note": "Dossier déposé"})
        self.assertEqual(goal.status, "in_progress", "Follow-up between commissions stays possible")
        with self.assertRaisesRegex(UserError, "being built"):
            self.env["parcours.objective"].create(
                {"projet_id": projet.id, "domain_id": self.domain_health.id, "name": "X"}
            )
        with self.assertRaisesRegex(UserError, "history"):
            projet.unlink()
        revision = projet.action_revise()
        self.assertEqual(projet.action_revise(), revision, "Revising twice opens the same draft")
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.env.cr.execute(
                "INSERT INTO parcours_projet (case_id, version, state, date) VALUES (%s, 9, 'draft', now())",
                [self.case.id],
            )

    def test_follow_up_between_commissions(self):
        """Goals record where they stand, with history and activities; steps are ticked; content stays frozen."""
        first = self._first_commission()
        # The meeting's transaction is committed before the follow-up begins.
        self.env.flush_all()
        self.cr.precommit.run()
        projet = first.projet_id
        goal = projet.objective_ids.filtered(lambda o: o.domain_id == self.domain_housing).with_context(
            tracking_disable=False, mail_notrack=False
        )
        step = projet.step_ids
        with Form(projet.with_user(self.pro)) as form:
            with form.objective_ids.edit(projet.objective_ids.ids.index(goal.id)) as line:
                line.status = "in_progress"
                line.status_note = "Dossier déposé le 12"
            with form.step_ids.edit(0) as line:
                line.done = True
        self.assertTrue(step.done)
        goal.with_env(self.env(user=self.pro, context={})).write({"status": "achieved"})
        self.env.flush_all()
        self.cr.precommit.run()
        goal.invalidate_recordset(["message_ids"])
        tracked = goal.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "status")
        self.assertTrue(tracked, "The status history is kept")
        activity = goal.with_user(self.pro).activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.add(fields.Date.today(), days=-1),
            summary="Relancer le bailleur",
        )
        self.assertEqual(activity.state, "overdue")
        late = (
            self.env["parcours.objective"]
            .with_user(self.pro)
            .search([("activity_state", "=", "overdue"), ("case_id", "=", self.case.id)])
        )
        self.assertEqual(late, goal.with_user(self.pro))
        with self.assertRaisesRegex(UserError, "Revise"):
            step.with_user(self.pro).write({"name": "Autre étape"})
        with self.assertRaisesRegex(UserError, "Revise"):
            step.with_user(self.pro).unlink()

    def test_bad_goals_are_refused(self):
        projet = self.env["parcours.projet"].create({"case_id": self.case.id, "date": fields.Date.today()})
        with self.assertRaisesRegex(ValidationError, "who acts"), self.cr.savepoint():
            self.env["parcours.objective"].create(
                {
                    "projet_id": projet.id,
                    "domain_id": self.domain_housing.id,
                    "name": "Sans acteur",
                    "actor_person": False,
                }
            )
        with self.assertRaisesRegex(ValidationError, "before the plan's date"), self.cr.savepoint():
            self.env["parcours.objective"].create(
                {
                    "projet_id": projet.id,
                    "domain_id": self.domain_housing.id,
                    "name": "Trop tôt",
                    "deadline": fields.Date.add(fields.Date.today(), days=-1),
                }
            )
        attempts = [
            ("parcours.objective", {"projet_id": projet.id, "name": "Sans domaine", "domain_id": False}, "Life domain"),
            (
                "parcours.diagnostic.line",
                {"projet_id": projet.id, "domain_id": self.domain_health.id, "description": "x", "priority": 0},
                "from 1",
            ),
            (
                "parcours.diagnostic.line",
                {"projet_id": projet.id, "domain_id": self.domain_health.id, "description": "x", "priority": 8},
                "from 1",
            ),
        ]
        for model, vals, message in attempts:
            with self.subTest(vals=vals):
                try:
                    with self.cr.savepoint(), mute_logger("odoo.sql_db"):
                        self.env[model].create(vals)
                    self.fail("The database accepted it")
                except psycopg2.IntegrityError as error:
                    self.assertIn(message, str(_as_validation_error(self.env, error)))
        self.assertFalse(projet.objective_ids, "Nothing half-saved")

    def test_next_commission_in_the_past_refused_at_validation(self):
        releve = self._open_releve()
        releve.objective_ids = [Command.create({"domain_id": self.domain_housing.id, "name": "Logement"})]
        releve.next_commission_date = fields.Date.add(fields.Date.today(), days=-1)
        self._sign_all(releve)
        with self.assertRaisesRegex(UserError, "in the past"):
            releve.action_validate()
        self.assertEqual(releve.state, "draft")
        self.assertEqual(releve.projet_id.state, "draft", "Nothing half-saved")

    def test_revision_opened_by_the_secretary_keeps_refused_subjects_with_their_author(self):
        self.env["parcours.refused.subject"].create(
            {
                "case_id": self.case.id,
                "domain_id": self.domain_health.id,
                "allowed_intervenant_ids": [Command.set(self.pro_line.ids)],
            }
        )
        releve = self._open_releve(user=self.pro).with_user(self.pro)
        releve.objective_ids = [
            Command.create({"domain_id": self.domain_health.id, "name": "Suivi au CMP tous les mois"}),
            Command.create({"domain_id": self.domain_housing.id, "name": "Demande de logement social"}),
        ]
        releve.projet_id.diagnostic_ids = [
            Command.create({"domain_id": self.domain_health.id, "description": "Dépression", "priority": 1}),
        ]
        self._sign_all(releve)
        releve.action_validate()
        v1 = releve.projet_id

        passage2 = self.env["parcours.passage"].create({"case_id": self.case.id, "commission_id": self.second.id})
        second = self._open_releve(passage2)
        v2 = second.projet_id.sudo()
        self.assertEqual(v2.previous_id, v1)
        self.assertEqual(len(v2.objective_ids), 2, "Both goals are carried, the refused one included")
        self.assertEqual(len(v2.diagnostic_ids), 1)
        for lines in (v2.objective_ids, v2.diagnostic_ids):
            restricted = lines.filtered("restricted")
            self.assertEqual(len(restricted), 1)
            self.assertEqual(restricted.author_id, self.pro, "The copy keeps its author, not the secretary")
        self.assertFalse(
            self.env["parcours.objective"]
            .with_user(self.secretary)
            .search([("id", "in", v2.objective_ids.ids), ("restricted", "=", True)])
        )
        self.assertEqual(
            len(self.env["parcours.objective"].with_user(self.pro).search([("id", "in", v2.objective_ids.ids)])), 2
        )

    def test_closing_the_situation_closes_its_plans(self):
        projet = self._first_commission().projet_id
        revision = projet.action_revise()
        self.case.action_close()
        self.assertEqual((projet | revision).mapped("state"), ["closed", "closed"])
        self.assertTrue(projet.objective_ids.read(["name", "status"]), "A closed plan stays readable")

    def test_amendment_keeps_the_original(self):
        first = self._first_commission()
        with self.assertRaisesRegex(UserError, "what the amendment corrects"):
            first.action_amend("")
        wizard = Form(self.env["parcours.releve.amend"].with_context(default_releve_id=first.id))
        wizard.reason = "Erreur sur la date de la prochaine commission"
        action = wizard.save().action_amend()
        amendment = self.env["parcours.releve"].browse(action["res_id"])
        self.assertEqual(first.state, "amended")
        self.assertTrue(first.attachment_id, "The signed original stays filed")
        self.assertEqual(amendment.amended_from_id, first)
        self.assertEqual(amendment.state, "draft")
        self.assertEqual(amendment.family_name, first.family_name)
        self.assertFalse(any(amendment.signature_ids.mapped("signed_on")), "The amendment is signed again")
        self.assertEqual(len(amendment.signature_ids), len(first.signature_ids))

    def test_concurrent_edits_are_refused_not_overwritten(self):
        releve = self._open_releve()
        form_secretary = Form(releve.with_user(self.secretary))
        form_pilot = Form(releve.with_user(self.pilot))
        form_secretary.observations = "La famille demande un accompagnement budgétaire"
        form_pilot.observations = "La famille souhaite déménager"
        form_secretary.save()
        with self.assertRaisesRegex(UserError, "Someone else saved"):
            form_pilot.save()
        self.assertEqual(releve.observations, "La famille demande un accompagnement budgétaire")
        again = Form(releve.with_user(self.pilot))
        again.family_situation = "Parents séparés"
        again.save()
        self.assertEqual(releve.observations, "La famille demande un accompagnement budgétaire")
        self.assertEqual(releve.family_situation, "Parents séparés")

    def test_documents_show_only_what_the_reader_may_see(self):
        self.env["parcours.refused.subject"].create(
            {
                "case_id": self.case.id,
                "domain_id": self.domain_health.id,
                "allowed_intervenant_ids": [Command.set(self.pro_line.ids)],
            }
        )
        releve = self._open_releve(user=self.pro)
        releve.with_user(self.pro).objective_ids = [
            Command.create({"domain_id": self.domain_health.id, "name": "Suivi au CMP tous les mois"}),
            Command.create({"domain_id": self.domain_housing.id, "name": "Demande de logement social"}),
        ]
        projet = releve.projet_id
        projet.diagnostic_ids = [
            Command.create({"domain_id": self.domain_health.id, "description": "Dépression", "priority": 1}),
            Command.create({"domain_id": self.domain_housing.id, "description": "Logement trop petit", "priority": 2}),
        ]
        health_goal = projet.objective_ids.filtered(lambda o: o.domain_id == self.domain_health)
        step = self.env["parcours.projet.step"].create(
            {"projet_id": projet.id, "objective_id": health_goal.id, "name": "Premier rendez-vous au CMP"}
        )
        self.assertVisible(self.pro, step)
        for user in (self.ext, self.secretary):
            self.assertInvisible(user, step, "a step follows the goal it serves")

        def text(user, report, record):
            content = self.env["ir.actions.report"].with_user(user)._render_qweb_html(report, record.ids)[0]
            return html.fromstring(content)

        for report, record in (
            ("referent_parcours.action_report_parcours_releve", releve),
            ("referent_parcours.action_report_parcours_projet", projet),
            ("referent_parcours.action_report_parcours_diagnostic", projet),
        ):
            with self.subTest(report=report):
                allowed = text(self.pro, report, record).text_content()
                self.assertTrue("logement social" in allowed or "Logement trop petit" in allowed)
                self.assertTrue("CMP" in allowed or "Dépression" in allowed, "The allowed professional sees it")
                for user in (self.ext, self.secretary):
                    other = text(user, report, record).text_content()
                    self.assertTrue("logement social" in other or "Logement trop petit" in other)
                    self.assertNotIn("CMP", other)
                    self.assertNotIn("Dépression", other)
                    self.assertIn("cannot be passed on for any other purpose", " ".join(other.split()))

        tree = text(self.pro, "referent_parcours.action_report_parcours_releve", releve)
        self.assertEqual(len(tree.xpath("//table[@name='signatures']//tr[@data-role]")), len(releve.signature_ids))
        self.assertIn("Famille Durand", tree.xpath("string(//table[@name='family'])"))

    def test_filed_copy_leaves_refused_subjects_out(self):
        """Validated by a professional the person allowed, the copy filed and e-mailed still omits the subject."""
        self.env["parcours.refused.subject"].create(
            {
                "case_id": self.case.id,
                "domain_id": self.domain_health.id,
                "allowed_intervenant_ids": [Command.set(self.pro_line.ids)],
            }
        )
        releve = self._open_releve(user=self.pro).with_user(self.pro)
        releve.objective_ids = [
            Command.create({"domain_id": self.domain_health.id, "name": "Suivi au CMP tous les mois"}),
            Command.create({"domain_id": self.domain_housing.id, "name": "Demande de logement social"}),
        ]
        self._sign_all(releve)
        releve.action_validate()
        filed = releve.attachment_id.sudo().raw.decode()
        self.assertIn("Demande de logement social", filed)
        self.assertNotIn("CMP", filed, "The filed copy is read by every intervenant and e-mailed to the invitees")
        on_screen = (
            self.env["ir.actions.report"]
            .with_user(self.pro)
            ._render_qweb_html("referent_parcours.action_report_parcours_releve", releve.ids)[0]
            .decode()
        )
        self.assertIn("CMP", on_screen, "The allowed professional still reads it on screen and in a print of their own")

    def test_need_to_know_on_plans_and_records(self):
        first = self._first_commission()
        projet = first.projet_id
        for user in (self.pro, self.ext, self.referent, self.secretary, self.pilot):
            with self.subTest(user=user.login):
                self.assertVisible(user, first)
                self.assertVisible(user, projet)
        with self.assertRaises(AccessError):
            first.with_user(self.employee).read(["family_name"])
        for user in (self.pro_other, self.ext_other, self.manager_b):
            with self.subTest(user=user.login):
                self.assertInvisible(user, first)
                self.assertInvisible(user, projet)
                self.assertInvisible(user, projet.objective_ids)
                with self.assertRaises(AccessError):
                    first.attachment_id.with_user(user).read(["datas"])
        revision = projet.action_revise()
        with self.assertRaises(AccessError):
            self.env["parcours.diagnostic.line"].with_user(self.secretary).create(
                {"projet_id": revision.id, "domain_id": self.domain_health.id, "description": "x"}
            )
        with self.assertRaisesRegex(UserError, "Revise"):
            self.env["parcours.diagnostic.line"].create(
                {"projet_id": projet.id, "domain_id": self.domain_health.id, "description": "x"}
            )

    def test_overdue_revision_asks_the_referent(self):
        first = self.env["parcours.projet"].create({"case_id": self.case.id, "revision_date": fields.Date.today()})
        self.env["parcours.objective"].create(
            {"projet_id": first.id, "domain_id": self.domain_housing.id, "name": "Logement"}
        )
        first.action_adopt()
        activity_type = self.env.ref("referent_parcours.mail_activity_type_projet_revision")
        self.env["parcours.projet"]._cron_revision_due()
        self.assertFalse(first.activity_ids, "Not due yet on the revision day")
        projet = first.action_revise()
        projet.revision_date = fields.Date.add(fields.Date.today(), days=-1)
        projet.action_adopt()
        self.env["parcours.projet"]._cron_revision_due()
        self.env["parcours.projet"]._cron_revision_due()
        self.assertEqual(projet.activity_ids.activity_type_id, activity_type, "One activity, not one per run")
        self.assertEqual(projet.activity_ids.user_id, self.referent)

    @warmup
    def test_releve_rendering_query_count(self):
        releve = self._open_releve()
        releve.objective_ids = [
            Command.create(
                {
                    "domain_id": self.domain_housing.id,
                    "name": f"Objectif {n}",
                    "actor_intervenant_ids": [Command.set(self.pro_line.ids)],
                }
            )
            for n in range(10)
        ]
        self._sign_all(releve)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(RELEVE_RENDER_QUERIES):
            self.env["ir.actions.report"].with_user(self.secretary)._render_qweb_html(
                "referent_parcours.action_report_parcours_releve", releve.ids
            )
