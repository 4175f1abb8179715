from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ParcoursCommon

ROLES = (
    "pro",
    "pro_other",
    "ext",
    "ext_other",
    "referent",
    "secretary",
    "pilot",
    "manager",
    "manager_b",
    "admin",
    "employee",
    "portal",
)
# Who may read situation ``case`` (and what hangs from it): those who follow it. Managers and administrators read
# the steering figures, and one situation only during an exceptional access (see test_exceptional_access_grid).
READ = {"pro", "ext", "referent"}
FOLLOW = {"pro", "ext", "referent"}
# Who may change, per model. What changes who follows the situation (designations) is changed by who answers the
# person, the référent here.
WRITE = {
    "parcours.case": FOLLOW,
    "parcours.case.member": FOLLOW,
    "parcours.intervenant": FOLLOW,
    "parcours.referent": {"referent"},
    "parcours.consent": FOLLOW,
    "parcours.refused.subject": FOLLOW,
}
# Who may delete, per model: deletion is kept for what carries no history, and for mistakes in the lists.
UNLINK = {
    "parcours.case": set(),
    "parcours.case.member": FOLLOW,
    "parcours.intervenant": set(),
    "parcours.referent": set(),
    "parcours.consent": set(),
    "parcours.refused.subject": set(),
}
# During an exceptional access: managers read; an administrator of the addon also hands over (designations,
# the lists, the refused subjects), never for themselves.
EXCEPTIONAL_WRITE = {
    "parcours.case": set(),
    "parcours.case.member": set(),
    "parcours.intervenant": {"admin"},
    "parcours.referent": {"admin"},
    "parcours.consent": set(),
    "parcours.refused.subject": {"admin"},
}
WRITES = {
    "parcours.case": {"person_expectations": "Être écoutée"},
    "parcours.case.member": {"activity": "Collège"},
    "parcours.intervenant": {"function": "Éducatrice"},
    "parcours.referent": {"end_note": "Relais"},
    "parcours.consent": {"scope": "Logement et budget"},
    "parcours.refused.subject": {"note": "Ne souhaite pas en parler"},
}


class _Undo(Exception):
    """Rolls a permitted operation back, so that each role meets the same records."""


@tagged("post_install", "-at_install")
class TestAccessMatrix(ParcoursCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.refusal = cls.env["parcours.refused.subject"].create(
            {"case_id": cls.case.id, "domain_id": cls.domain_health.id}
        )
        cls.records = {
            "parcours.case": cls.case,
            "parcours.case.member": cls.case.member_ids,
            "parcours.intervenant": cls.case.intervenant_ids[:1],
            "parcours.referent": cls.case.referent_designation_ids,
            "parcours.consent": cls.case.consent_ids[:1],
            "parcours.refused.subject": cls.refusal,
        }

    def _user(self, role):
        return self.admin if role == "admin" else getattr(self, role)

    def _allowed(self, record, user, operation):
        try:
            record.with_user(user).check_access(operation)
            return True
        except AccessError:
            return False

    def _may(self, record, user, operation):
        """Whether the operation goes through, rules and the models' own checks included; undone either way."""
        try:
            with self.env.cr.savepoint():
                if operation == "write":
                    record.with_user(user).write(WRITES[record._name])
                else:
                    record.with_user(user).unlink()
                record.env.flush_all()
                raise _Undo()
        except _Undo:
            return True
        except (AccessError, UserError):
            return False
        finally:
            self.env.invalidate_all()

    def test_read_write_unlink_grid(self):
        for model, record in self.records.items():
            for role in ROLES:
                user = self._user(role)
                with self.subTest(model=model, role=role):
                    can_see = role in READ
                    self.assertEqual(self._allowed(record, user, "read"), can_see, "read")
                    self.assertEqual(self._may(record, user, "write"), role in WRITE[model], "write")
                    self.assertEqual(self._may(record, user, "unlink"), role in UNLINK[model], "unlink")
                    if can_see:
                        record.with_user(user).read(list(WRITES[model]))
                        self.assertVisible(user, record)
                    else:
                        with self.assertRaises(AccessError):
                            record.with_user(user).read(list(WRITES[model]))
                        if role not in ("employee", "portal"):
                            self.assertInvisible(user, record)

    def test_create_grid(self):
        """Household members are added by those who follow the situation; consents by who answers the person."""
        for role in ROLES:
            user = self._user(role)
            with self.subTest(role=role):
                vals = {"case_id": self.case.id, "lastname": "Durand", "firstname": "Noé", "relationship": "child"}
                consent = {"case_id": self.case.id, "consent_type": "commission"}
                if role in FOLLOW:
                    self.env["parcours.case.member"].with_user(user).create(vals)
                else:
                    with self.assertRaises(AccessError), self.env.cr.savepoint():
                        self.env["parcours.case.member"].with_user(user).create(vals)
                if role == "referent":
                    self.env["parcours.consent"].with_user(user).create(consent)
                else:
                    with self.assertRaises(AccessError), self.env.cr.savepoint():
                        self.env["parcours.consent"].with_user(user).create(consent)

    def test_professionals_can_open_situations_others_cannot(self):
        for role in ("pro", "pro_other", "referent", "manager", "admin", "secretary", "pilot"):
            with self.subTest(role=role):
                person = self.env["res.partner"].create({"name": f"Monsieur Faure ({role})"})
                case = (
                    self.env["parcours.case"]
                    .with_user(self._user(role))
                    .create({"partner_id": person.id, "site_id": self.site.id})
                )
                self.assertVisible(self._user(role), case)
                self.assertInvisible(self.ext_other, case)
                self.assertTrue(case.intervenant_ids.is_proposer)
        person = self.env["res.partner"].create({"name": "Monsieur Faure"})
        for role in ("employee", "portal"):
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.env["parcours.case"].with_user(self._user(role)).create(
                    {"partner_id": person.id, "site_id": self.site.id}
                )

    def test_exceptional_access_grid(self):
        """Managers read no situation by name; an exceptional access opens one, read only, until it ends."""
        for role in ("manager", "admin"):
            user = self._user(role)
            access = self._open_exceptionally(user, self.case)
            for model, record in self.records.items():
                with self.subTest(model=model, role=role):
                    self.assertTrue(self._allowed(record, user, "read"))
                    self.assertVisible(user, record)
                    self.assertEqual(self._may(record, user, "write"), role in EXCEPTIONAL_WRITE[model], "write")
            self.assertInvisible(user, self.other_case, "one situation, not the organisation's")
            access.with_user(user).action_close()
            self.env.invalidate_all()
            self.assertInvisible(user, self.case, "closed: the situation is out of reach again")

    def test_other_organisation_manager_and_company_switch(self):
        """A manager asks an exceptional access only for their organisation's situations, whatever company they
        switch to."""
        case_b = self._create_case(
            self.env["res.partner"].create({"name": "Famille Lambert"}), [self.ext_other], company=self.company_b
        )
        for manager, case in ((self.manager_b, case_b), (self.manager, self.case)):
            self.assertInvisible(manager, case)
        with self.assertRaises(AccessError):
            self._open_exceptionally(self.manager, case_b)
        with self.assertRaises(AccessError):
            self._open_exceptionally(self.pro, self.case)
        self._open_exceptionally(self.manager_b, case_b)
        self.assertVisible(self.manager_b, case_b)
        self.assertInvisible(self.ext, case_b, "ext works for organisation B but does not follow this situation")
        self.assertVisible(self.ext_other, case_b)

    def test_configuration_models(self):
        config = {
            "parcours.site": self.site,
            "parcours.life.domain": self.domain_health,
            "parcours.structure.type": self.structure_type_ccas,
        }
        for model, record in config.items():
            for role in ("pro", "manager", "secretary"):
                with self.subTest(model=model, role=role):
                    self.assertTrue(self._allowed(record, self._user(role), "read"))
                    self.assertFalse(self._allowed(record, self._user(role), "write"))
                    with self.assertRaises(AccessError):
                        record.with_user(self._user(role)).write({"name": "Changé"})
            with self.subTest(model=model, role="admin"):
                self.assertTrue(self._allowed(record, self.admin, "write"))
                record.with_user(self.admin).write({"name": record.name})
        site_b = self.env["parcours.site"].create({"name": "Arques", "company_id": self.company_b.id})
        self.assertInvisible(self.pro, site_b, "another organisation's sites stay with it")
        self.env["parcours.site"].with_user(self.admin).create({"name": "Bruay (test)"})
        # The succession notice is an instance setting, for the system administrator.
        with Form(self.env["res.config.settings"]) as settings:
            settings.parcours_referent_alert_days = 45
        settings.record.execute()
        self.assertEqual(self.company_a.parcours_referent_alert_days, 45)
        self.assertFalse(self.env["res.config.settings"].with_user(self.admin).has_access("write"))

    def test_notes_edited_by_their_author_only(self):
        note = (
            self.env["parcours.note"]
            .with_user(self.pro)
            .create({"case_id": self.case.id, "subject": "Rencontre à domicile", "body": "<p>Visite faite.</p>"})
        )
        self.assertEqual(note.author_id, self.pro)
        self._open_exceptionally(self.manager, self.case)
        for role in ("ext", "referent", "manager"):
            with self.subTest(role=role):
                self.assertVisible(self._user(role), note)
                with self.assertRaises(AccessError):
                    note.with_user(self._user(role)).write({"subject": "Changé"})
                with self.assertRaises(AccessError):
                    note.with_user(self._user(role)).unlink()
        for role in ("pro_other", "ext_other", "manager_b", "secretary", "pilot"):
            with self.subTest(role=role):
                self.assertInvisible(self._user(role), note)
        note.with_user(self.pro).write({"subject": "Rencontre à domicile avec Léa"})
        intervention = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        intervention.date_end = fields.Date.today()
        with self.assertRaises(AccessError):
            note.with_user(self.pro).write({"subject": "Après la fin"})
