"""Measures the daily screens at 2,000, 20,000 and 100,000 situations, side by side with Odoo's project.task.

Usage (after scripts/test.sh made the test database, which has the demo data):
    source scripts/lib.sh && setup_all test
    createdb -h 127.0.0.1 -p 5440 -U odoo -T referent_parcours_test bench_scale
    odoo_bin "${ODOO_ARGS[@]}" -d bench_scale -i project --stop-after-init
    odoo_bin shell "${ODOO_ARGS[@]}" -d bench_scale --no-http < scripts/bench_scale.py

Tiers are grown in bulk SQL in the same database (S: 2,000 situations and 200 users; M: 20,000 and 2,000;
L: 100,000 and 10,000; BENCH_TIERS=S,M limits them): each situation has its contact, two household members
and four accompaniment lines (one user per ten situations, so a professional follows about 40), and as many
project tasks with four assignees each. Each figure is the median of 9 calls through the ORM, caches emptied
before each (a new request), as a professional whose record rules apply; the query count is the last call's.
The database is committed as it grows (it is a throwaway copy): drop it afterwards.
"""

import os
import statistics
import time
from functools import partial

TIERS = [("S", 2000, 200), ("M", 20000, 2000), ("L", 100000, 10000)]
WANTED = os.environ.get("BENCH_TIERS", "S,M,L").split(",")
RUNS = 9

cr = env.cr  # noqa: F821 (odoo shell)
su = env  # noqa: F821
company = su.ref("base.main_company")
groups = [
    su.ref(x).id for x in ("base.group_user", "referent_parcours.group_parcours_user", "project.group_project_user")
]
sites = su["parcours.site"].search([("company_id", "in", (False, company.id))]).ids
structure = su["res.partner"].search([("is_company", "=", True)], limit=1)
project = su["project.project"].search([("name", "=", "Bench")], limit=1) or su["project.project"].create(
    {"name": "Bench", "privacy_visibility": "employees"}
)
pilot = su.ref("referent_parcours.user_pilote_demo")
manager = su.ref("referent_parcours.user_responsable_demo")
session = su["parcours.commission"].search([("pilot_id", "=", pilot.id), ("state", "!=", "cancelled")], limit=1)
employee = su["res.users"].search([("login", "=", "bench_employee")]) or su["res.users"].create(
    {"login": "bench_employee", "name": "Bench Employee", "groups_id": [(6, 0, [su.ref("base.group_user").id])]}
)


def count(table, where="TRUE"):
    cr.execute(f"SELECT count(*) FROM {table} WHERE {where}")
    return cr.fetchone()[0]


def grow(cases, users):
    """Adds what is missing to reach the tier, in SQL."""
    have_users = count("res_users", "login LIKE 'bench_pro_%%'")
    if count("parcours_case", "name LIKE 'BENCH/%%'") >= cases:
        return
    if have_users < users:
        cr.execute(
            """
            WITH p AS (
                INSERT INTO res_partner (name, complete_name, active, type, is_company, email, company_id, parent_id)
                SELECT 'Bench Pro ' || g, 'Bench Pro ' || g, TRUE, 'contact', FALSE, 'pro' || g || '@bench.example',
                       %(company)s, %(structure)s
                  FROM generate_series(%(start)s, %(stop)s) g RETURNING id, name
            )
            INSERT INTO res_users (login, partner_id, company_id, active, notification_type, share)
            SELECT 'bench_pro_' || split_part(p.name, ' ', 3), p.id, %(company)s, TRUE, 'email', FALSE FROM p
            """,
            {"company": company.id, "structure": structure.id, "start": have_users + 1, "stop": users},
        )
        cr.execute(
            """
            INSERT INTO res_groups_users_rel (gid, uid)
            SELECT g, u.id FROM res_users u, unnest(%s) g WHERE u.login LIKE 'bench_pro_%%'
            ON CONFLICT DO NOTHING
            """,
            [groups],
        )
        cr.execute(
            """
            INSERT INTO res_company_users_rel (cid, user_id)
            SELECT %s, u.id FROM res_users u WHERE u.login LIKE 'bench_pro_%%' ON CONFLICT DO NOTHING
            """,
            [company.id],
        )
    have = count("parcours_case", "name LIKE 'BENCH/%%'")
    cr.execute(
        "SELECT array_agg(id ORDER BY id), array_agg(partner_id ORDER BY id)"
        " FROM res_users WHERE login LIKE 'bench_pro_%%'"
    )
    user_ids, user_partners = cr.fetchone()
    # The new situations go to the new users: a professional's caseload (about 40 lines) stays what it is
    # while the tables grow, as in a département where more professionals follow more families.
    params = {
        "start": have + 1,
        "stop": cases,
        "company": company.id,
        "sites": sites,
        "users": user_ids,
        "partners": user_partners,
        "structure": structure.id,
        "project": project.id,
        "ustart": have_users,
        "n": len(user_ids) - have_users,
    }
    cr.execute(
        """
        WITH p AS (
            INSERT INTO res_partner (name, complete_name, active, type, is_company, parcours_is_person, company_id)
            SELECT 'Bench Famille ' || g, 'Bench Famille ' || g, TRUE, 'contact', FALSE, TRUE, %(company)s
              FROM generate_series(%(start)s, %(stop)s) g RETURNING id, name
        )
        INSERT INTO parcours_case (name, partner_id, household_type, company_id, site_id, date_proposed, date_entry,
                                   state, sharing_in_force, joined)
        SELECT 'BENCH/' || split_part(p.name, ' ', 3), p.id, 'family', %(company)s,
               (%(sites)s)[1 + p.id %% array_length(%(sites)s, 1)], CURRENT_DATE - 400, CURRENT_DATE - 390,
               (ARRAY['active', 'active', 'active', 'accepted', 'closed'])[1 + (p.id / 7) %% 5], TRUE, TRUE
          FROM p
        """,
        params,
    )
    cr.execute(
        """
        INSERT INTO parcours_case_member (case_id, name, lastname, firstname, relationship)
        SELECT c.id, f || ' ' || split_part(pa.name, ' ', 3), split_part(pa.name, ' ', 3), f, 'child'
          FROM parcours_case c JOIN res_partner pa ON pa.id = c.partner_id, unnest(ARRAY['Léa', 'Noé']) f
         WHERE c.name LIKE 'BENCH/%%' AND split_part(c.name, '/', 2)::int BETWEEN %(start)s AND %(stop)s
        """,
        params,
    )
    cr.execute(
        """
        INSERT INTO parcours_intervenant (case_id, partner_id, user_id, structure_id, date_start, is_proposer,
                                          is_referent, accompaniment)
        SELECT c.id, (%(partners)s)[1 + %(ustart)s + ((n - %(start)s) * 4 + k) %% %(n)s],
               (%(users)s)[1 + %(ustart)s + ((n - %(start)s) * 4 + k) %% %(n)s], %(structure)s,
               CURRENT_DATE - 390, k = 0, FALSE, 'Accompagnement social'
          FROM (SELECT id, split_part(name, '/', 2)::int AS n FROM parcours_case WHERE name LIKE 'BENCH/%%') c,
               generate_series(0, 3) k
         WHERE c.n BETWEEN %(start)s AND %(stop)s
        """,
        params,
    )
    cr.execute(
        """
        WITH t AS (
            INSERT INTO project_task (name, project_id, company_id, state, active, priority, sequence)
            SELECT 'Bench task ' || g, %(project)s, %(company)s, '01_in_progress', TRUE, '0', g
              FROM generate_series(%(start)s, %(stop)s) g RETURNING id, split_part(name, ' ', 3)::int AS n
        )
        INSERT INTO project_task_user_rel (task_id, user_id)
        SELECT DISTINCT t.id, (%(users)s)[1 + %(ustart)s + ((t.n - %(start)s) * 4 + k) %% %(n)s]
          FROM t, generate_series(0, 3) k
        """,
        params,
    )


def measure(label, call, user=None):
    """Median time (ms) of RUNS calls with empty caches, and the query count of the last one."""
    call()
    times = []
    for _ in range(RUNS):
        su.invalidate_all()
        before = cr.sql_log_count
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
        queries = cr.sql_log_count - before
    return statistics.median(times), queries


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
    "sharing_in_force": {},
    "person_expectations": {},
    "intervenant_ids": {
        "fields": {
            "partner_id": {"fields": {"display_name": {}}},
            "structure_id": {"fields": {"display_name": {}}},
            "function": {},
            "accompaniment": {},
            "date_start": {},
            "date_end": {},
            "is_referent": {},
        }
    },
    "member_ids": {"fields": {"lastname": {}, "firstname": {}, "birthdate": {}, "relationship": {}}},
    "consent_ids": {"fields": {"consent_type": {}, "date": {}, "state": {}}},
    "note_ids": {"fields": {"date": {}, "subject": {}, "restricted": {}}},
}
TASK_SPEC = {
    "name": {},
    "project_id": {"fields": {"display_name": {}}},
    "user_ids": {"fields": {"display_name": {}}},
    "date_deadline": {},
    "stage_id": {"fields": {"display_name": {}}},
    "state": {},
    "priority": {},
}
MY_CASES = [
    ("intervenant_ids", "any", [("user_id", "=", None), ("is_active", "=", True)]),
    ("state", "in", ("proposed", "accepted", "active")),
]

results = {}
for tier, cases, users in TIERS:
    if tier not in WANTED:
        continue
    start = time.perf_counter()
    grow(cases, users)
    cr.execute("ANALYZE")
    cr.commit()
    print(
        f"tier {tier}: {count('parcours_case')} situations, {count('res_users', 'share = FALSE')} users, "
        f"{count('project_task')} tasks (grown in {time.perf_counter() - start:.0f} s)",
        flush=True,
    )
    pro = su["res.users"].search([("login", "=", "bench_pro_1")])
    Case = su["parcours.case"].with_user(pro)
    Task = su["project.task"].with_user(pro)
    my_domain = [
        (f, op, [(a, o, pro.id if v is None else v) for a, o, v in val]) if op == "any" else (f, op, val)
        for f, op, val in MY_CASES
    ]
    mine = Case.search(my_domain, limit=1)
    target = mine.partner_id.name
    row = {
        "My situations": measure("my", partial(Case.web_search_read, my_domain, LIST_SPEC, limit=80)),
        "my tasks (core)": measure(
            "tasks", partial(Task.web_search_read, [("user_ids", "in", pro.id)], TASK_SPEC, limit=80)
        ),
        "all visible situations": measure("all", partial(Case.search_count, [])),
        "situation form": measure("form", partial(mine.with_user(pro).web_read, FORM_SPEC)),
        "situation name search": measure("name", partial(Case.name_search, target)),
        "member name search": measure(
            "member", partial(su["parcours.case.member"].with_user(pro).name_search, "Léa " + target.split()[-1])
        ),
        "partner autocomplete, employee": measure(
            "partner", lambda: su["res.partner"].with_user(employee).name_search("Bench Pro 1")
        ),
        "partner autocomplete, no rules": measure(
            "partner_su", lambda: su["res.partner"].sudo().name_search("Bench Pro 1")
        ),
        "agenda, pilot": measure(
            "agenda",
            lambda: session.with_user(pilot).web_read(
                {"name": {}, "agenda_passage_ids": {"fields": {"case_label": {}, "start": {}, "state": {}}}}
            ),
        ),
        "steering, manager": measure(
            "steering",
            lambda: su["parcours.steering.situation"]
            .with_user(manager)
            .read_group([], ["situation_count:sum"], ["site_id", "state"], lazy=False),
        ),
    }
    results[tier] = row
    for name, (ms, queries) in row.items():
        print(f"  {name:34s} {ms:8.1f} ms  {queries:3d} queries", flush=True)

if results:
    tiers = list(results)
    names = list(results[tiers[0]])
    print("\n| measure | " + " | ".join(f"{t} ms (queries)" for t in tiers) + " | last/first |")
    print("|---|" + "---|" * (len(tiers) + 1))
    for name in names:
        cells = [f"{results[t][name][0]:.1f} ({results[t][name][1]})" for t in tiers]
        ratio = results[tiers[-1]][name][0] / max(results[tiers[0]][name][0], 0.001)
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f} |")
    last = results[tiers[-1]]
    print(
        f"\nat {tiers[-1]}: My situations / my tasks = {last['My situations'][0] / last['my tasks (core)'][0]:.2f}; "
        f"partner autocomplete employee / no rules = "
        f"{last['partner autocomplete, employee'][0] / last['partner autocomplete, no rules'][0]:.2f}"
    )
