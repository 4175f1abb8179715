import psycopg2

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ParcoursCommon


@tagged("post_install", "-at_install")
class TestBadInput(ParcoursCommon):
    """Each bad input is refused with a message that says what to fix, and nothing is half-written."""

    def _counts(self):
        return {
            model: self.env[model].sudo().search_count([])
            for model in ("parcours.case", "parcours.intervenant", "parcours.referent", "parcours.consent")
        }

    def _user_message(self, exception):
        """The message a user of the screens reads for a database-level refusal."""
        if isinstance(exception, psycopg2.IntegrityError):
            return str(_as_validation_error(self.env, exception))
        return str(exception)

    def test_end_date_before_start_date(self):
        before = self._counts()
        intervenant = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"), self.env.cr.savepoint():
            intervenant.with_user(self.pro).write({"date_end": fields.Date.add(intervenant.date_start, days=-1)})
        self.env.invalidate_all(flush=False)
        self.assertFalse(intervenant.date_end)
        with self.assertRaisesRegex(ValidationError, "cannot end before it began"), self.env.cr.savepoint():
            self.case.write({"date_end": fields.Date.add(self.case.date_entry, days=-1)})
        self.env.invalidate_all(flush=False)
        # On creation the database refuses first; the screens show the constraint's own message.
        vals = self._intervenant_vals(self.pro_other, date_end=fields.Date.add(fields.Date.today(), days=-60))
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError) as caught:
            with self.env.cr.savepoint():
                self.case.write({"intervenant_ids": [Command.create(vals)]})
        self.assertIn("cannot end before it starts", self._user_message(caught.exception))
        self.assertEqual(self._counts(), before)

    def test_referent_who_is_not_an_intervenant(self):
        stranger = self.other_case.intervenant_ids
        self.case.referent_designation_ids.write({"date_end": fields.Date.today(), "end_reason": "other"})
        before = self._counts()
        with self.assertRaisesRegex(ValidationError, "must be chosen among its intervenants"):
            with self.env.cr.savepoint():
                self.env["parcours.referent"].create({"case_id": self.case.id, "intervenant_id": stranger.id})
        self.assertEqual(self._counts(), before)

    def test_second_active_referent(self):
        other = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        before = self._counts()
        with self.assertRaisesRegex(ValidationError, "already has a référent"):
            with self.env.cr.savepoint():
                self.env["parcours.referent"].with_user(self.referent).create(
                    {"case_id": self.case.id, "intervenant_id": other.id}
                )
        self.assertEqual(self._counts(), before)
        self.assertEqual(self.case.referent_intervenant_id.user_id, self.referent)
        # The database guards too, whatever code path writes.
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "INSERT INTO parcours_referent (case_id, intervenant_id, person_choice, date_accepted, date_start)"
                    " VALUES (%s, %s, 'chosen', now(), now())",
                    (self.case.id, other.id),
                )

    def test_duplicate_intervenant(self):
        before = self._counts()
        with self.assertRaisesRegex(ValidationError, "already follows situation"):
            with self.env.cr.savepoint():
                self.case.with_user(self.referent).write(
                    {"intervenant_ids": [Command.create(self._intervenant_vals(self.ext))]}
                )
        self.assertEqual(self._counts(), before)
        # A professional who ended may follow the situation again later.
        line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)
        line.action_end()
        self.case.write(
            {"intervenant_ids": [Command.create(self._intervenant_vals(self.ext, date_start=fields.Date.today()))]}
        )
        self.assertEqual(len(self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)), 2)

    def test_intervenant_without_contact(self):
        before = self._counts()
        with self.assertRaisesRegex(ValidationError, "Choose the professional"):
            with self.env.cr.savepoint():
                self.env["parcours.intervenant"].with_user(self.pro).create(
                    {"case_id": self.case.id, "structure_id": self.structure_a.id}
                )
        self.assertEqual(self._counts(), before)

    def test_consent_rules(self):
        with self.assertRaisesRegex(ValidationError, "in the future"):
            with self.env.cr.savepoint():
                self.case.write(
                    {
                        "consent_ids": [
                            Command.create(
                                {"consent_type": "share", "date": fields.Date.add(fields.Date.today(), days=3)}
                            )
                        ]
                    }
                )
        with self.assertRaisesRegex(ValidationError, "child protection"):
            with self.env.cr.savepoint():
                self.case.write({"consent_ids": [Command.create({"consent_type": "share", "basis": "information"})]})
        self.case.child_protection = True
        self.case.write(
            {"consent_ids": [Command.create({"consent_type": "share", "basis": "information", "method": "letter"})]}
        )
        share = self.case.consent_ids.filtered(lambda c: c.basis == "information")
        share.action_withdraw(reason="Fin de la mesure")
        with self.assertRaisesRegex(UserError, "already withdrawn"):
            share.action_withdraw()
        with self.assertRaisesRegex(UserError, "kept as it was"):
            share.write({"scope": "Tout"})

    def test_error_messages_are_translatable(self):
        """The messages go through the translation machinery: French users read them in French."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["referent_parcours"], ["fr_FR"], overwrite=True)
        case = self.case.with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, "Seule une situation proposée"):
            case.action_accept()
