import base64
import io
import zipfile
from datetime import timedelta

import psycopg2
from freezegun import freeze_time
from lxml import html

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import ParcoursCommon

SIGNATURE = base64.b64encode(
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


@tagged("post_install", "-at_install")
class TestDataProtection(ParcoursCommon):
    """What a data protection officer asks before go-live: who consulted, managers without names, retention,
    the person's right of access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.dpo = new_test_user(
            cls.env,
            login="test_dpo",
            name="Déléguée à la protection des données",
            groups="base.group_user,referent_parcours.group_parcours_dpo",
            context={"no_reset_password": True},
        )
        cls.pro.partner_id.function = "Assistante sociale"
        cls.Log = cls.env["parcours.access.log"]

    def _lines(self, **domain):
        self.env.cr.flush()
        return self.Log.sudo().search([(key, "=", value) for key, value in domain.items()])

    # 1. The consultation log -------------------------------------------------------------------------

    def test_each_channel_adds_exactly_one_line(self):
        case = self.case.with_user(self.pro)
        before = self._lines(case_id=self.case.id)
        case.web_read({"name": {}, "partner_id": {"fields": {"display_name": {}}}})
        case.web_read({"name": {}})  # the same form again in the same request: still one line
        self.assertEqual(len(self._lines(case_id=self.case.id, channel="form") - before), 1)
        line = self._lines(case_id=self.case.id, channel="form")
        self.assertEqual(line.user_id, self.pro)
        self.assertEqual(line.function, "Assistante sociale")
        self.assertEqual(line.res_ref, self.case)
        self.assertEqual(line.company_id, self.case.company_id)

        projet = self.env["parcours.projet"].create({"case_id": self.case.id})
        self.env["ir.actions.report"].with_user(self.pro)._render_qweb_pdf(
            "referent_parcours.action_report_parcours_projet", projet.ids
        )
        self.assertEqual(len(self._lines(case_id=self.case.id, channel="print")), 1)

        self.case.with_user(self.pro).export_data(["name", "partner_id"])
        self.assertEqual(len(self._lines(case_id=self.case.id, channel="export")), 1)

    def test_a_list_is_not_a_consultation_and_costs_no_insert(self):
        for index in range(80):
            self._create_case(self.env["res.partner"].create({"name": f"Famille Liste {index}"}), [self.pro])
        self.env.flush_all()
        before = self.Log.sudo().search_count([])
        result = self.env["parcours.case"].with_user(self.pro).web_search_read([], {"name": {}}, limit=80)
        self.assertEqual(len(result["records"]), 80)
        self.assertEqual(self.Log.sudo().search_count([]), before, "a list of 80 situations adds no line")

    def test_nobody_changes_or_deletes_a_line(self):
        self.case.with_user(self.pro).web_read({"name": {}})
        line = self._lines(case_id=self.case.id)
        admin = self.env.ref("base.user_admin")
        for env_line in (line.with_user(admin), line.sudo(), line.with_user(self.dpo)):
            with self.subTest(user=env_line.env.user.login, su=env_line.env.su):
                with self.assertRaises(AccessError):
                    env_line.write({"reason": "Corrigé"})
                with self.assertRaises(AccessError):
                    env_line.unlink()
        with self.assertRaises(AccessError):
            self.Log.with_user(self.pro).create({"user_id": self.pro.id, "channel": "form"})
        self.assertTrue(line.exists())
        # Only the officer reads the log; professionals read none of it, not even their own lines.
        self.assertEqual(self.Log.with_user(self.dpo).search([("id", "=", line.id)]), line)
        for user in (self.pro, self.manager, self.admin):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Log.with_user(user).search([])

    def test_purge_keeps_the_retention(self):
        now = fields.Datetime.now()
        old, recent = self.Log.sudo().create(
            [
                {
                    "user_id": self.pro.id,
                    "case_id": self.case.id,
                    "company_id": self.company_a.id,
                    "channel": "form",
                    "date": now - timedelta(days=400),
                },
                {
                    "user_id": self.pro.id,
                    "case_id": self.case.id,
                    "company_id": self.company_a.id,
                    "channel": "form",
                    "date": now - timedelta(days=150),
                },
            ]
        )
        self.assertEqual(self.company_a.parcours_log_retention_months, 6)
        self.Log._cron_purge()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.company_a.parcours_log_retention_months = 24
            self.env.flush_all()

    def test_officer_finds_who_saw_a_file(self):
        self.case.with_user(self.ext).web_read({"name": {}})
        self.other_case.with_user(self.pro_other).web_read({"name": {}})
        self.env.cr.flush()
        found = self.Log.with_user(self.dpo).search([("case_label", "ilike", "Durand")])
        self.assertEqual(found.user_id, self.ext)
        self.assertIn("Famille Durand", found.case_label)
        self.assertEqual(found.structure_name, self.company_b.name)
        # The officer reads the log, not the situations.
        self.assertFalse(self.env["parcours.case"].with_user(self.dpo).has_access("read"))

    # 3. Managers: counts, never names -----------------------------------------------------------------

    def test_manager_reads_figures_and_one_situation_exceptionally(self):
        Steering = self.env["parcours.steering.situation"]
        figures = Steering.with_user(self.manager).read_group([], ["situation_count:sum"], ["state"])
        Case = self.env["parcours.case"].with_user(self.manager)
        self.assertEqual(Case.search_count([]), 0)
        self.assertFalse(Case.name_search("Durand"))
        self.assertFalse(self.env["res.partner"].with_user(self.manager).search([("name", "ilike", "Durand")]))
        self.assertEqual(Steering.with_user(self.manager).read_group([], ["situation_count:sum"], ["state"]), figures)
        with self.assertRaises(AccessError):
            self.case.with_user(self.manager).read(["name"])

        with self.assertRaises(UserError):
            self.env["parcours.exceptional.access.request"].with_user(self.manager).create(
                {
                    "situation": "Durand",
                    "reason": "complaint",
                    "reason_detail": "Réclamation",
                }
            ).action_open()
        wizard = (
            self.env["parcours.exceptional.access.request"]
            .with_user(self.manager)
            .create(
                {
                    "situation": self.case.name,
                    "reason": "complaint",
                    "reason_detail": "Réclamation de Madame Durand",
                }
            )
        )
        action = wizard.action_open()
        self.assertEqual(action["res_id"], self.case.id)
        self.assertEqual(self.case.with_user(self.manager).read(["name"])[0]["name"], self.case.name)
        self.assertEqual(Case.search([]), self.case.with_user(self.manager), "one situation, not the organisation's")
        with self.assertRaises(AccessError):
            self.case.with_user(self.manager).write({"person_expectations": "Changé"})
        # Logged with its reason, told to the référent, in the person's history.
        line = self._lines(case_id=self.case.id, channel="exceptional")
        self.assertEqual(line.user_id, self.manager)
        self.assertIn("Réclamation de Madame Durand", line.reason)
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("referent_parcours.mail_activity_type_exceptional_access")
        )
        self.assertEqual(activity.user_id, self.referent)
        exceptional = [c for c in self.case._consultations() if c["channel"] == "exceptional"]
        self.assertEqual(exceptional[0]["reason"], "A complaint: Réclamation de Madame Durand")
        # Until the end of the day.
        with freeze_time(fields.Datetime.now() + timedelta(days=1)):
            self.env.invalidate_all()
            self.assertEqual(self.env["parcours.case"].with_user(self.manager).search_count([]), 0)
            with self.assertRaises(AccessError):
                self.case.with_user(self.manager).read(["name"])

    def test_exceptional_access_is_never_extended_nor_given_to_others(self):
        access = self._open_exceptionally(self.manager, self.case)
        with self.assertRaises(AccessError):
            access.with_user(self.manager).write({"date_end": access.date_end + timedelta(days=3)})
        with self.assertRaises(AccessError):
            access.with_user(self.manager).write({"case_id": self.other_case.id})
        with self.assertRaises(AccessError):
            self.env["parcours.exceptional.access"].with_user(self.manager).create(
                {"case_id": self.case.id, "user_id": self.pro_other.id, "reason": "other", "reason_detail": "x"}
            )
        self.assertInvisible(self.pro_other, self.case)
        with self.assertRaises(AccessError):
            self._open_exceptionally(self.pro, self.case)
        self.assertFalse(self.env["parcours.exceptional.access"].with_user(self.manager_b).search([]))

    # 5. Retention -----------------------------------------------------------------------------------

    def _full_situation(self, name, days_ago):
        """A closed situation with something in every part, as the professionals leave it."""
        person = self.env["res.partner"].create({"name": name, "email": f"{name.split()[-1].lower()}@example.com"})
        child = self.env["res.partner"].create({"name": f"Léo {name.split()[-1]}"})
        case = self._create_case(person, [self.pro, self.referent], referent=self.referent)
        case.member_ids.partner_id = child
        case.write(
            {
                "refused_subject_ids": [Command.create({"domain_id": self.domain_health.id})],
                "note_ids": [Command.create({"subject": "Visite", "date": fields.Date.today()})],
            }
        )
        session = self._create_session(days=3)
        passage = self.env["parcours.passage"].create({"case_id": case.id, "commission_id": session.id})
        passage.invitee_ids.write({"attendance": "present"})
        releve = self.env["parcours.releve"].browse(passage.with_user(self.secretary).action_open_releve()["res_id"])
        releve.write({"objective_ids": [Command.create({"domain_id": self.domain_housing.id, "name": "Logement"})]})
        for signature in releve.signature_ids:
            signature.signature = SIGNATURE
        releve.with_user(self.secretary).action_validate()
        space = (
            self.env["parcours.person.space"]
            .with_user(self.referent)
            .create({"case_id": case.id, "partner_id": person.id})
        )
        space._grant()
        space.with_user(space.user_id).sudo()._post_from_person("Bonjour")
        self.env["parcours.document"].create(
            {
                "case_id": case.id,
                "name": "Bail",
                "datas": base64.b64encode(b"%PDF-1.4 bail"),
                "filename": "bail.pdf",
            }
        )
        case.message_post(body="Note de suivi", subtype_xmlid="mail.mt_note")
        case.activity_schedule("mail.mail_activity_data_todo", user_id=self.referent.id, summary="Rappeler")
        self.env["ir.attachment"].create(
            {"name": "bilan.txt", "raw": b"bilan", "res_model": "parcours.case", "res_id": case.id}
        )
        case.with_user(self.referent).action_close()
        past = fields.Date.today() - timedelta(days=days_ago)
        self.env.cr.execute(
            "UPDATE parcours_case SET date_end = %s, date_proposed = %s, date_entry = %s WHERE id = %s",
            (past, past, past, case.id),
        )
        self.env.cr.execute(
            "UPDATE parcours_passage SET start = start - %s * interval '1 day', stop = stop - %s * "
            "interval '1 day' WHERE case_id = %s",
            (days_ago + 3, days_ago + 3, case.id),
        )
        self.env.cr.execute(
            "UPDATE mail_message SET date = date - %s * interval '1 day' WHERE model = "
            "'parcours.person.space' AND res_id = %s",
            (days_ago, space.id),
        )
        self.env.cr.execute(
            "UPDATE parcours_document SET create_date = create_date - %s * interval '1 day' WHERE " "case_id = %s",
            (days_ago, case.id),
        )
        self.env.invalidate_all()
        return case

    def test_retention_deletes_a_closed_situation_with_everything(self):
        old = self._full_situation("Famille Ancienne", 800)
        recent = self._full_situation("Famille Récente", 100)
        held = self._full_situation("Famille Gardée", 900)
        self.env["parcours.legal.hold"].with_user(self.dpo).create(
            {"case_reference": held.name, "reason": "Procédure en cours au tribunal judiciaire"}
        )
        self.case.with_user(self.pro).web_read({"name": {}})
        self.env.cr.flush()
        Steering = self.env["parcours.steering.situation"].sudo()
        figures = {t: Steering.read_group([], ["situation_count:sum"], ["state"]) for t in ("situation",)}
        passages = self.env["parcours.steering.passage"].sudo().search_count([])
        partners = {
            "person": old.partner_id,
            "child": old.member_ids.partner_id,
            "login": old.space_ids.user_id,
            "event": old.passage_ids.event_id,
        }
        old_ids = {
            "members": old.member_ids.ids,
            "intervenants": old.intervenant_ids.ids,
            "consents": old.consent_ids.ids,
            "notes": old.note_ids.ids,
            "projets": old.projet_ids.ids,
            "passages": old.passage_ids.ids,
            "releves": self.env["parcours.releve"].search([("case_id", "=", old.id)]).ids,
            "documents": self.env["parcours.document"].search([("case_id", "=", old.id)]).ids,
            "spaces": old.space_ids.ids,
        }
        self.assertTrue(all(old_ids.values()), old_ids)
        old_reference = old.name
        old.with_user(self.referent).web_read({"name": {}})
        self.env.cr.flush()
        self.assertTrue(self.Log.sudo().search([("case_reference", "=", old_reference)]))
        preview_due, preview_held = self.env["parcours.retention.run"].with_user(self.dpo)._preview()
        self.assertIn(old.name, [row["name"] for row in preview_due])
        self.assertIn(held.name, [row["name"] for row in preview_held])
        self.assertNotIn(recent.name, [row["name"] for row in preview_due + preview_held])
        preview = Form(self.env["parcours.retention.preview"].with_user(self.dpo))
        self.assertIn(old.name, preview.preview)

        run = self.env["parcours.retention.run"]._cron_run()
        self.assertEqual(run.situation_count, len(preview_due))
        self.assertEqual(run.held_count, len(preview_held))
        self.assertNotIn("Ancienne", run.detail or "")
        self.assertIn(f"parcours_case: {len(preview_due)}", run.detail)
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists() and held.exists())
        for model, ids in (
            ("parcours.case.member", old_ids["members"]),
            ("parcours.intervenant", old_ids["intervenants"]),
            ("parcours.consent", old_ids["consents"]),
            ("parcours.note", old_ids["notes"]),
            ("parcours.projet", old_ids["projets"]),
            ("parcours.passage", old_ids["passages"]),
            ("parcours.releve", old_ids["releves"]),
            ("parcours.document", old_ids["documents"]),
            ("parcours.person.space", old_ids["spaces"]),
        ):
            with self.subTest(model=model):
                self.assertFalse(self.env[model].sudo().browse(ids).exists())
        for what, record in partners.items():
            with self.subTest(what=what):
                self.assertFalse(record.with_context(active_test=False).exists())
        for model, field in (
            ("mail.message", "model"),
            ("ir.attachment", "res_model"),
            ("mail.activity", "res_model"),
            ("mail.followers", "res_model"),
        ):
            with self.subTest(model=model):
                self.assertFalse(
                    self.env[model]
                    .sudo()
                    .search(
                        [
                            (field, "=", "parcours.case"),
                            ("res_id" if model != "mail.message" else "res_id", "=", old.id),
                        ]
                    )
                )
        self.assertFalse(self.Log.sudo().search([("case_reference", "=", old_reference)]))
        self.assertEqual(
            {t: Steering.read_group([], ["situation_count:sum"], ["state"]) for t in ("situation",)},
            figures,
            "the steering keeps its counts",
        )
        self.assertEqual(self.env["parcours.steering.passage"].sudo().search_count([]), passages)

    def test_retention_deletes_only_the_mails_of_the_deleted_situation(self):
        old = self._full_situation("Famille Ancienne", 800)
        other_id = next(i for i in old.intervenant_ids.ids if i != old.id)
        # A mail about another situation, whose id happens to be one of the deleted accompaniment lines'.
        attachment = self.env["ir.attachment"].create(
            {"name": "courrier.txt", "raw": b"courrier", "res_model": "parcours.case", "res_id": other_id}
        )
        other_mail = self.env["mail.mail"].create(
            {
                "subject": "Autre situation",
                "email_to": "autre@example.com",
                "attachment_ids": [Command.set(attachment.ids)],
            }
        )
        old_attachment = self.env["ir.attachment"].create(
            {"name": "lettre.txt", "raw": b"lettre", "res_model": "parcours.case", "res_id": old.id}
        )
        old_mail = self.env["mail.mail"].create(
            {
                "subject": "Situation supprimée",
                "email_to": "x@example.com",
                "attachment_ids": [Command.set(old_attachment.ids)],
            }
        )
        self.env["parcours.retention.run"]._cron_run()
        self.assertFalse(old.exists())
        self.assertFalse(old_mail.exists())
        self.assertTrue(other_mail.exists() and attachment.exists())

    # 6. Right of access --------------------------------------------------------------------------------

    def test_the_person_receives_their_complete_file(self):
        self.env["parcours.refused.subject"].create({"case_id": self.case.id, "domain_id": self.domain_health.id})
        self.env["parcours.document"].create(
            {
                "case_id": self.case.id,
                "name": "Attestation CAF",
                "datas": base64.b64encode(b"%PDF-1.4 caf"),
                "filename": "attestation-caf.pdf",
                "source": "person",
                "owner_partner_id": self.person.id,
                "share_with": "private",
            }
        )
        self.case.with_user(self.ext).web_read({"name": {}})
        self.env["parcours.interview"].with_user(self.referent).create(
            {
                "case_id": self.case.id,
                "kind": "first_reception",
                "date": fields.Datetime.now(),
                "person_words": "Je veux retrouver un logement pour mes enfants",
                "decision": "continue",
            }
        )
        self.env.cr.flush()
        wizard = Form(
            self.env["parcours.person.file"].with_user(self.referent).with_context(default_case_id=self.case.id)
        ).save()
        wizard.action_produce()
        self.assertTrue(wizard.pdf_file and wizard.zip_file)
        tree = html.fromstring(base64.b64decode(wizard.pdf_file))
        text = " ".join(tree.text_content().split())
        for section in (
            "identity",
            "professionals",
            "consents",
            "refused",
            "plans",
            "interviews",
            "commissions",
            "documents",
            "consultations",
        ):
            with self.subTest(section=section):
                self.assertTrue(tree.xpath(f"//*[@name='{section}']"))
        for expected in (
            "Famille Durand",
            "Léa",
            self.ext.name,
            self.domain_health.name,
            "Attestation CAF",
            self.company_b.name,
            "Je veux retrouver un logement pour mes enfants",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(wizard.zip_file))) as archive:
            self.assertIn("documents/attestation-caf.pdf", archive.namelist())
            self.assertEqual(archive.read("documents/attestation-caf.pdf"), b"%PDF-1.4 caf")
        self.assertEqual(len(self._lines(case_id=self.case.id, channel="right_of_access")), 1)
        # Nobody else produces it; the officer does, by the reference.
        for user in (self.pro, self.pro_other, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["parcours.person.file"].with_user(user).create({"case_id": self.case.id}).action_produce()
        officer = self.env["parcours.person.file"].with_user(self.dpo).create({"situation": self.case.name})
        officer.action_produce()
        self.assertTrue(officer.pdf_file)
        with self.assertRaises(UserError):
            self.env["parcours.person.file"].with_user(self.dpo).create({"situation": "RP/0000/9999"}).action_produce()

    def test_the_person_sees_who_consulted_their_file(self):
        self.case.with_user(self.ext).web_read({"name": {}})
        self.other_case.with_user(self.pro_other).web_read({"name": {}})
        self.env.cr.flush()
        consultations = self.case._consultations()
        self.assertEqual([c["structure"] for c in consultations], [self.company_b.name])
        self.assertEqual(consultations[0]["purpose"], "Looked at your file")
        self.assertNotIn("Lefebvre", str(consultations))


@tagged("post_install", "-at_install")
class TestDataProtectionHttp(HttpCase, ParcoursCommon):
    """Downloads over HTTP are logged; the person reads who consulted their file in their space."""

    def test_download_is_logged_and_the_person_sees_it(self):
        document = self.env["parcours.document"].create(
            {
                "case_id": self.case.id,
                "name": "Avis d'imposition",
                "datas": base64.b64encode(b"%PDF-1.4 test"),
                "filename": "avis.pdf",
                "source": "professional",
            }
        )
        self.other_case.with_user(self.pro_other).web_read({"name": {}})
        self.authenticate("test_pro", "test_pro")
        response = self.url_open(f"/web/content/parcours.document/{document.id}/datas?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 test")
        line = (
            self.env["parcours.access.log"]
            .sudo()
            .search([("case_id", "=", self.case.id), ("channel", "=", "download")])
        )
        self.assertEqual(len(line), 1)
        self.assertEqual(line.res_ref, document)
        self.assertEqual(line.user_id, self.pro)

        space = (
            self.env["parcours.person.space"]
            .with_user(self.referent)
            .create({"case_id": self.case.id, "partner_id": self.person.id})
        )
        space.sudo().write({"user_id": self.portal.id})
        self.authenticate("test_durand", "test_durand")
        page = html.fromstring(self.url_open(f"/my/parcours/{space.id}/consultations").content)
        items = page.xpath("//ul[@id='consultations']/li")
        self.assertEqual([item.get("data-channel") for item in items], ["download"])
        self.assertIn("Downloaded one of your documents", items[0].text_content())
        self.assertIn(self.company_a.name, items[0].text_content())
        self.assertNotIn("Lefebvre", page.text_content())
        self.assertEqual(self.url_open(f"/my/parcours/{space.id + 1000}/consultations").status_code, 404)


@tagged("post_install", "-at_install")
class TestDataProtectionAttacks(ParcoursCommon):
    """What a second audit found in the data protection tools, each refused now."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        session = cls._create_session(days=15)
        cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": session.id})
        cls.dpo = new_test_user(
            cls.env,
            login="test_dpo_a",
            groups="base.group_user,referent_parcours.group_parcours_dpo",
            context={"no_reset_password": True},
        )
        cls.dpo_b = new_test_user(
            cls.env,
            login="test_dpo_b",
            groups="base.group_user,referent_parcours.group_parcours_dpo",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
            context={"no_reset_password": True},
        )

    def test_the_file_is_rendered_only_by_its_assistant(self):
        for user in (self.pro, self.pilot, self.secretary):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    wizard = self.env["parcours.person.file"].with_user(user).create({"case_id": self.case.id})
                    self.env["ir.actions.report"].with_user(user)._render_qweb_html(
                        "referent_parcours.action_report_parcours_person_file", wizard.ids
                    )
        wizard = self.env["parcours.person.file"].with_user(self.referent).create({"case_id": self.case.id})
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.referent)._render_qweb_html(
                "referent_parcours.action_report_parcours_person_file", wizard.ids
            )

    def test_the_request_is_no_oracle_on_names(self):
        Request = self.env["parcours.exceptional.access.request"].with_user(self.manager)
        before = self.env["parcours.exceptional.access"].sudo().search([])
        for situation in ("Famille Durand", "Famille Dur%", "Inconnu", "Famille D_rand"):
            for detail, end in (("   ", None), ("Réclamation", fields.Datetime.now() + timedelta(days=30))):
                with self.subTest(situation=situation, detail=detail), self.assertRaises(Exception) as caught:
                    Request.create(
                        {
                            "situation": situation,
                            "reason": "other",
                            "reason_detail": detail,
                            **({"date_end": end} if end else {}),
                        }
                    ).action_open()
                self.assertNotIn("No single situation", str(caught.exception))
        with self.assertRaises(UserError):
            Request.create(
                {"situation": "Famille Dur%", "reason": "other", "reason_detail": "Réclamation"}
            ).action_open()
        self.assertEqual(self.env["parcours.exceptional.access"].sudo().search([]), before)

    def test_an_officer_reads_their_organisation_only(self):
        self._open_exceptionally(self.manager, self.case)
        self.assertTrue(self.env["parcours.exceptional.access"].with_user(self.dpo).search([]))
        self.assertFalse(self.env["parcours.exceptional.access"].with_user(self.dpo_b).search([]))
        past = fields.Date.today() - timedelta(days=900)
        self.env.cr.execute(
            "UPDATE parcours_case SET state = 'closed', date_end = %s, date_proposed = %s, "
            "date_entry = %s WHERE id = %s",
            [past, past, past, self.case.id],
        )
        self.env.cr.execute("DELETE FROM parcours_passage WHERE case_id = %s", [self.case.id])
        self.env.invalidate_all()
        due, _held = self.env["parcours.retention.run"].with_user(self.dpo)._preview()
        self.assertIn(self.case.name, [row["name"] for row in due])
        due_b, held_b = self.env["parcours.retention.run"].with_user(self.dpo_b)._preview()
        self.assertNotIn(self.case.name, [row["name"] for row in due_b + held_b])

    def test_a_hold_stays_on_its_situation_and_says_who_set_it(self):
        Hold = self.env["parcours.legal.hold"].with_user(self.dpo)
        case_b = self._create_case(
            self.env["res.partner"].create({"name": "Famille Bernard"}), [self.ext_other], company=self.company_b
        )
        hold = Hold.create({"case_reference": self.case.name, "reason": "Procédure en cours"})
        self.assertEqual(hold.set_by_id, self.dpo)
        with self.assertRaises(AccessError):
            hold.write({"case_reference": case_b.name})
        with self.assertRaises(AccessError):
            Hold.create({"case_reference": case_b.name, "reason": "x"})
        with self.assertRaises(AccessError):
            Hold.create({"case_reference": self.other_case.name, "reason": "x", "set_by_id": self.pro.id})
        with self.assertRaises(AccessError):
            Hold.create({"case_reference": self.other_case.name, "reason": "x", "date": "2020-01-01"})

    def test_an_exceptional_access_starts_when_asked(self):
        now = fields.Datetime.now()
        for start in (now + timedelta(days=300), now - timedelta(days=7)):
            with self.subTest(start=start), self.assertRaises(AccessError):
                self.env["parcours.exceptional.access"].with_user(self.manager).create(
                    {
                        "case_id": self.case.id,
                        "reason": "other",
                        "reason_detail": "x",
                        "date_start": start,
                        "date_end": start + timedelta(days=1),
                    }
                )
