from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user


class ParcoursCommon(TransactionCase):
    """Personas of two organisations and a small grid of situations.

    Organisation A (the Département) keeps the situations; organisation B (the CAF)
    shares the instance. ``case`` is followed by ``pro`` (A), ``ext`` (B) and
    ``referent`` (A, its référent) with sharing consent; ``other_case`` is followed
    by ``pro_other`` only.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True))
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "CAF du Pas-de-Calais (test)"})
        cls.structure_type_ccas = cls.env.ref("referent_parcours.structure_type_ccas")
        cls.structure_a = cls.env["res.partner"].create(
            {
                "name": "MDS de Liévin (test)",
                "is_company": True,
                "parcours_structure_type_id": cls.env.ref("referent_parcours.structure_type_department").id,
            }
        )
        cls.structure_b = cls.env["res.partner"].create(
            {
                "name": "CAF (test)",
                "is_company": True,
                "parcours_structure_type_id": cls.env.ref("referent_parcours.structure_type_caf").id,
            }
        )

        def user(login, groups, company=None):
            company = company or cls.company_a
            groups = f"{groups},base.group_allow_export"
            return new_test_user(
                cls.env,
                login=f"test_{login}",
                name=login.replace("_", " ").title(),
                email=f"{login}@example.com",
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                context={"no_reset_password": True},
            )

        pro_groups = "base.group_user,referent_parcours.group_parcours_user"
        cls.pro = user("pro", pro_groups)
        cls.pro_other = user("pro_other", pro_groups)
        cls.referent = user("referent", pro_groups)
        cls.ext = user("ext", pro_groups, cls.company_b)
        cls.ext_other = user("ext_other", pro_groups, cls.company_b)
        cls.secretary = user("secretary", "base.group_user,referent_parcours.group_parcours_secretary")
        cls.pilot = user("pilot", "base.group_user,referent_parcours.group_parcours_pilot")
        cls.manager = user("manager", "base.group_user,referent_parcours.group_parcours_manager")
        cls.manager_b = user("manager_b", "base.group_user,referent_parcours.group_parcours_manager", cls.company_b)
        cls.admin = user("parcours_admin", "base.group_user,referent_parcours.group_parcours_admin")
        cls.employee = user("employee", "base.group_user")

        cls.site = cls.env["parcours.site"].create(
            {
                "name": "Liévin (test)",
                "company_id": cls.company_a.id,
                "commission_weekday": "1",
                "commission_weeks": "1,3",
                "commission_hour_start": 9.0,
                "commission_hour_end": 17.0,
                "passage_duration": 1.5,
                "passages_per_session": 5,
                "invitation_notice_days": 15,
                "venue": "Maison du Département, salle 2",
            }
        )
        cls.domain_health = cls.env.ref("referent_parcours.life_domain_health")
        cls.domain_housing = cls.env.ref("referent_parcours.life_domain_housing")

        cls.person = cls.env["res.partner"].create({"name": "Famille Durand", "email": "durand@example.com"})
        cls.portal = new_test_user(
            cls.env,
            login="test_durand",
            name="Famille Durand",
            groups="base.group_portal",
            partner_id=cls.person.id,
            context={"no_reset_password": True},
        )
        cls.case = cls._create_case(cls.person, [cls.pro, cls.ext, cls.referent], referent=cls.referent)
        cls.other_person = cls.env["res.partner"].create({"name": "Madame Lefebvre"})
        cls.other_case = cls._create_case(cls.other_person, [cls.pro_other])

    @classmethod
    def _intervenant_vals(cls, user, **extra):
        return {
            "partner_id": user.partner_id.id,
            "structure_id": (cls.structure_b if user.company_id == cls.company_b else cls.structure_a).id,
            "accompaniment": "Accompagnement social",
            "date_start": fields.Date.add(fields.Date.today(), days=-30),
            **extra,
        }

    @classmethod
    def _create_case(cls, person, users, referent=None, sharing=True, company=None):
        """Creates a situation as the superuser, with its members, intervenants and consents."""
        company = company or cls.company_a
        site = (
            cls.site
            if company == cls.company_a
            else cls.env["parcours.site"].create({"name": f"Site {person.name}", "company_id": company.id})
        )
        consents = [
            Command.create({"consent_type": "join", "date": fields.Date.today()}),
            Command.create({"consent_type": "commission", "date": fields.Date.today()}),
        ]
        if sharing:
            consents.append(Command.create({"consent_type": "share", "date": fields.Date.today()}))
        case = cls.env["parcours.case"].create(
            {
                "partner_id": person.id,
                "site_id": site.id,
                "company_id": company.id,
                "member_ids": [
                    Command.create({"lastname": person.name.split()[-1], "firstname": "Léa", "relationship": "child"}),
                ],
                "intervenant_ids": [Command.create(cls._intervenant_vals(u)) for u in users],
                "consent_ids": consents,
            }
        )
        case.action_accept()
        if referent:
            intervenant = case.intervenant_ids.filtered(lambda i: i.user_id == referent)
            cls.env["parcours.referent"].create(
                {
                    "case_id": case.id,
                    "intervenant_id": intervenant.id,
                    "date_accepted": fields.Date.today(),
                    "date_start": fields.Date.today(),
                }
            )
            case.action_activate()
        return case

    @classmethod
    def _staff_site(cls):
        """Gives the test site its pilot and secretariat."""
        cls.site.write({"pilot_id": cls.pilot.id, "secretary_ids": [Command.set(cls.secretary.ids)]})

    @classmethod
    def _create_session(cls, days=30, hours=(9, 17), **extra):
        """A planned session of the test site, ``days`` from now (local hours)."""
        day = fields.Date.add(fields.Date.today(), days=days)
        return cls.env["parcours.commission"].create(
            {
                "site_id": cls.site.id,
                "start": cls.site._local_datetime(day, hours[0]),
                "stop": cls.site._local_datetime(day, hours[1]),
                "venue": cls.site.venue,
                "pilot_id": cls.pilot.id,
                "secretary_id": cls.secretary.id,
                "capacity": cls.site.passages_per_session,
                **extra,
            }
        )

    def _open_exceptionally(self, user, case, reason="complaint"):
        """What a manager (or an administrator of the addon) does to read one situation by name."""
        return (
            self.env["parcours.exceptional.access"]
            .with_user(user)
            .create(
                {"case_id": case.id, "reason": reason, "reason_detail": "Réclamation de la famille reçue le 2 novembre"}
            )
        )

    def assertVisible(self, user, records, msg=None):
        found = records.with_user(user).search([("id", "in", records.ids)])
        self.assertEqual(found, records.with_user(user), msg or f"{user.login} should see {records}")

    def assertInvisible(self, user, records, msg=None):
        found = records.with_user(user).search([("id", "in", records.ids)])
        self.assertFalse(found, msg or f"{user.login} must not see {found}")

    def _refused(self, action, exceptions=(AccessError,), msg="the attack went through"):
        """Runs an attack; it must be refused (one of ``exceptions``: Odoo's assertRaises takes no tuple) and
        leave nothing behind."""
        refused = False
        try:
            with self.env.cr.savepoint():
                action()
                self.env.flush_all()
        except exceptions:
            refused = True
        finally:
            self.env.invalidate_all()
        if not refused:
            self.fail(msg)
