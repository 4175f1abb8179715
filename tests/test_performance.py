from odoo import Command, fields
from odoo.tests import tagged, warmup
from odoo.tools import SQL

from .common import ParcoursCommon

LIST_SPEC = {
    "name": {},
    "partner_id": {"fields": {"display_name": {}}},
    "site_id": {"fields": {"display_name": {}}},
    "referent_intervenant_id": {"fields": {"display_name": {}}},
    "date_entry": {},
    "intervenant_count": {},
    "referent_succession_due": {},
    "state": {},
}
FORM_SPEC = {
    **LIST_SPEC,
    "household_type": {},
    "proposing_structure_id": {"fields": {"display_name": {}}},
    "child_protection": {},
    "date_proposed": {},
    "date_end": {},
    "referent_since": {},
    "sharing_in_force": {},
    "referent_end_date": {},
    "person_expectations": {},
    "person_life_project": {},
    "other_plans": {},
    "close_reason": {},
    "intervenant_ids": {
        "fields": {
            "partner_id": {"fields": {"display_name": {}}},
            "structure_id": {"fields": {"display_name": {}}},
            "structure_type_id": {"fields": {"display_name": {}}},
            "function": {},
            "accompaniment": {},
            "beneficiary_member_ids": {"fields": {"display_name": {}}},
            "phone": {},
            "email": {},
            "date_start": {},
            "date_end": {},
            "user_id": {"fields": {"display_name": {}}},
            "is_referent": {},
            "is_active": {},
        }
    },
    "member_ids": {
        "fields": {
            "lastname": {},
            "firstname": {},
            "birthdate": {},
            "relationship": {},
            "family_situation": {},
            "activity": {},
        }
    },
    "consent_ids": {
        "fields": {
            "consent_type": {},
            "basis": {},
            "date": {},
            "method": {},
            "recorded_by_id": {"fields": {"display_name": {}}},
            "withdrawal_date": {},
            "state": {},
        }
    },
    "refused_subject_ids": {
        "fields": {
            "domain_id": {"fields": {"display_name": {}}},
            "date": {},
            "note": {},
            "allowed_intervenant_ids": {"fields": {"display_name": {}}},
        }
    },
    "referent_designation_ids": {
        "fields": {
            "partner_id": {"fields": {"display_name": {}}},
            "date_start": {},
            "date_end": {},
            "end_reason": {},
            "person_choice": {},
        }
    },
    "note_ids": {
        "fields": {
            "date": {},
            "subject": {},
            "domain_id": {"fields": {"display_name": {}}},
            "author_id": {"fields": {"display_name": {}}},
            "restricted": {},
        }
    },
}
MY_CASES = [
    ("intervenant_ids", "any", [("user_id", "=", "__uid__"), ("is_active", "=", True)]),
    ("state", "in", ("proposed", "accepted", "active")),
]

# Measured on Odoo 18.0 (see the closing note of the foundation issue); they must not grow with the data.
MY_SITUATIONS_QUERIES = 11
FORM_QUERIES = 24
LOG_EXPORT_QUERIES = 7


@tagged("post_install", "-at_install")
class TestPerformance(ParcoursCommon):
    def _add_cases(self, count):
        for index in range(count):
            person = self.env["res.partner"].create({"name": f"Famille Test {index}"})
            case = self._create_case(person, [self.pro, self.ext, self.referent], referent=self.referent)
            case.write(
                {
                    "member_ids": [Command.create({"lastname": "Test", "firstname": f"Enfant {n}"}) for n in range(3)],
                    "refused_subject_ids": [Command.create({"domain_id": self.domain_health.id})],
                    "note_ids": [
                        Command.create({"subject": f"Note {n}", "date": fields.Date.today()}) for n in range(3)
                    ],
                }
            )
        self.env.flush_all()
        self.env.invalidate_all()

    def _warm(self, read):
        """Steady state: set-up data may clear the rule cache, which a user's second request does not pay."""
        read()
        self.env.invalidate_all()

    def _my_situations(self):
        domain = [
            (f, op, [(a, o, self.pro.id if v == "__uid__" else v) for a, o, v in val]) if op == "any" else (f, op, val)
            for f, op, val in MY_CASES
        ]
        return self.env["parcours.case"].with_user(self.pro).web_search_read(domain, LIST_SPEC, limit=80)

    @warmup
    def test_my_situations_query_count(self):
        self._add_cases(3)
        self._warm(self._my_situations)
        with self.assertQueryCount(MY_SITUATIONS_QUERIES):
            small = self._my_situations()
        self._add_cases(25)
        self._warm(self._my_situations)
        with self.assertQueryCount(MY_SITUATIONS_QUERIES):
            large = self._my_situations()
        self.assertEqual(large["length"], small["length"] + 25)

    @warmup
    def test_situation_form_query_count(self):
        # Users are created first: creating users clears the rule cache, which is not what is measured.
        group = self.env.ref("referent_parcours.group_parcours_user")
        colleagues = self.env["res.users"].create(
            [
                {"login": f"colleague{n}", "name": f"Collègue {n}", "groups_id": [Command.link(group.id)]}
                for n in range(6)
            ]
        )
        self._add_cases(2)
        self._warm(lambda: self.case.with_user(self.pro).web_read(FORM_SPEC))
        with self.assertQueryCount(FORM_QUERIES):
            self.case.with_user(self.pro).web_read(FORM_SPEC)
        self._add_cases(20)
        self.case.write({"intervenant_ids": [Command.create(self._intervenant_vals(user)) for user in colleagues]})
        self.env.flush_all()
        self._warm(lambda: self.case.with_user(self.pro).web_read(FORM_SPEC))
        with self.assertQueryCount(FORM_QUERIES):
            data = self.case.with_user(self.pro).web_read(FORM_SPEC)
        self.assertEqual(len(data[0]["intervenant_ids"]), 9)

    @warmup
    def test_situation_form_costs_one_insert_more_for_its_log_line(self):
        """Opening the form logs the consultation: one insert when the transaction commits, nothing else."""
        self._add_cases(2)
        self._warm(lambda: self.case.with_user(self.pro).web_read(FORM_SPEC))
        self.env.cr.flush()
        with self.assertQueryCount(FORM_QUERIES + 1):
            self.case.with_user(self.pro).web_read(FORM_SPEC)
            self.env.cr.flush()
        self.assertEqual(
            self.env["parcours.access.log"]
            .sudo()
            .search_count([("case_id", "=", self.case.id), ("user_id", "=", self.pro.id)]),
            2,
        )

    def _log_and_write(self, records):
        """Logs an export of these records as the professional and writes the lines as a commit would."""
        self.env.invalidate_all()
        self.env["parcours.access.log"].with_user(self.pro)._log(records.with_user(self.pro), "export")
        self.env["parcours.access.log"]._flush_pending()

    @warmup
    def test_logging_an_export_costs_the_same_whatever_its_size(self):
        """The lines of an export are completed and written with a few queries, never one per record."""
        self._add_cases(10)
        notes = self.env["parcours.note"].search([("case_id.intervenant_ids.user_id", "=", self.pro.id)])
        self.assertGreaterEqual(len(notes), 30)
        self._log_and_write(notes[:1])
        with self.assertQueryCount(LOG_EXPORT_QUERIES):
            self._log_and_write(notes[:3])
        with self.assertQueryCount(LOG_EXPORT_QUERIES):
            self._log_and_write(notes)
        logged = (
            self.env["parcours.access.log"].sudo().search([("user_id", "=", self.pro.id), ("channel", "=", "export")])
        )
        self.assertEqual(len(logged), 1 + 3 + len(notes))
        self.assertEqual(logged.case_id, notes.case_id)

    def test_list_query_plan_starts_from_the_user(self):
        """With thousands of situations, the list's plan reads the user's own lines, never every situation."""
        cr = self.env.cr
        cr.execute("SELECT id FROM res_partner WHERE id = %s", [self.person.id])
        cr.execute(
            """
            WITH p AS (
                INSERT INTO res_partner (name, complete_name, active, type, is_company, parcours_is_person)
                SELECT 'Plan ' || g, 'Plan ' || g, TRUE, 'contact', FALSE, TRUE FROM generate_series(1, 4000) g
                RETURNING id
            )
            INSERT INTO parcours_case (name, partner_id, partner_name, household_type, company_id, site_id,
                                       date_proposed, state, sharing_in_force, joined)
            SELECT 'PLAN/' || p.id, p.id, 'Plan', 'family', %s, %s, CURRENT_DATE, 'active', TRUE, TRUE FROM p
            """,
            [self.company_a.id, self.site.id],
        )
        cr.execute(
            """
            INSERT INTO parcours_intervenant (case_id, partner_id, user_id, structure_id, date_start)
            SELECT c.id, %s, %s, %s, CURRENT_DATE - 10 FROM parcours_case c WHERE c.name LIKE 'PLAN/%%'
            """,
            [self.pro_other.partner_id.id, self.pro_other.id, self.structure_a.id],
        )
        cr.execute("ANALYZE parcours_case")
        cr.execute("ANALYZE parcours_intervenant")
        domain = [
            (f, op, [(a, o, self.pro.id if v == "__uid__" else v) for a, o, v in val]) if op == "any" else (f, op, val)
            for f, op, val in MY_CASES
        ]
        query = (
            self.env["parcours.case"].with_user(self.pro)._search(domain, limit=80, order="date_entry desc, id desc")
        )
        cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in cr.fetchall())
        self.assertNotIn("Seq Scan on parcours_case", plan, plan)
        self.assertIn("parcours_intervenant__user_id_index", plan, plan)
        # Searching a situation by the family's name reads the trigram index of the situation, not the contacts.
        query = self.env["parcours.case"].with_user(self.pro)._search([("display_name", "ilike", "Durand")])
        cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in cr.fetchall())
        self.assertNotIn("Seq Scan on res_partner", plan, plan)
