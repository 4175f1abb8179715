"""Times the steering indicators on a copy of a database grown to 20,000 situations.

Usage (after scripts/run.sh or scripts/test.sh made the source database):
    source scripts/lib.sh && setup_all
    odoo_bin shell "${ODOO_ARGS[@]}" -d <copy of a demo database> --no-http < scripts/bench_steering.py

Rows are added with SQL (the ORM would take hours for the passages and invitees), then each
dashboard query runs as a manager through the ORM, five times, and the median is printed.
Everything is rolled back at the end.
"""

import statistics
import time

TARGET = 20000

cr = env.cr  # noqa: F821 (odoo shell)
cr.execute("SELECT count(*) FROM parcours_case")
missing = max(0, TARGET - cr.fetchone()[0])
cr.execute(
    """
    WITH src AS (SELECT * FROM parcours_case ORDER BY id LIMIT 1)
    INSERT INTO parcours_case (name, partner_id, household_type, company_id, site_id, date_proposed, date_entry,
                               state, sharing_in_force, joined, referent_intervenant_id, child_protection)
    SELECT 'BENCH/' || g, src.partner_id, 'family', src.company_id,
           (SELECT id FROM parcours_site ORDER BY id OFFSET (g %% 4) LIMIT 1),
           CURRENT_DATE - (g %% 900), CURRENT_DATE - (g %% 900) + 10,
           (ARRAY['proposed','accepted','active','active','active','closed','refused'])[1 + g %% 7],
           TRUE, TRUE, src.referent_intervenant_id, g %% 11 = 0
      FROM src, generate_series(1, %s) g
    """,
    [missing],
)
cr.execute(
    """
    INSERT INTO parcours_passage (commission_id, case_id, site_id, company_id, sequence, start, stop, state, case_label)
    SELECT (SELECT id FROM parcours_commission ORDER BY id OFFSET (c.id % 10) LIMIT 1),
           c.id, c.site_id, c.company_id, 1,
           now(), now() + interval '1 hour', (ARRAY['held','held','held','postponed'])[1 + c.id % 4], c.name
      FROM parcours_case c WHERE c.name LIKE 'BENCH/%'
    """
)
cr.execute(
    """
    WITH partners AS (SELECT array_agg(id) AS ids FROM (SELECT id FROM res_partner ORDER BY id LIMIT 5) x)
    INSERT INTO parcours_passage_invitee (passage_id, commission_id, partner_id, name, role, role_order, attendance)
    SELECT p.id, p.commission_id, partners.ids[r.ord + 1], 'x', r.role, r.ord,
           (ARRAY['present','present','present','absent','excused'])[1 + (p.id + r.ord) % 5]
      FROM partners, parcours_passage p JOIN parcours_case c ON c.id = p.case_id
      CROSS JOIN (
          VALUES ('person', 0), ('referent', 1), ('intervenant', 2), ('intervenant', 3), ('pilot', 4)
      ) r(role, ord)
     WHERE c.name LIKE 'BENCH/%'
    """
)
cr.execute(
    """
    INSERT INTO parcours_intervenant (case_id, partner_id, structure_id, structure_type_id, date_start, date_end,
                                      is_referent)
    SELECT c.id, i.partner_id, i.structure_id, i.structure_type_id, c.date_proposed - 30,
           CASE WHEN (c.id + k) % 5 = 0 THEN CURRENT_DATE - 1 END, FALSE
      FROM parcours_case c
     CROSS JOIN generate_series(0, 3) k
      JOIN LATERAL (SELECT * FROM parcours_intervenant ORDER BY id OFFSET ((c.id + k) % 20) LIMIT 1) i ON TRUE
     WHERE c.name LIKE 'BENCH/%'
    """
)
cr.execute("ANALYZE")
cr.execute("SELECT count(*) FROM parcours_case")
print("situations", cr.fetchone()[0])
cr.execute("SELECT count(*) FROM parcours_passage_invitee")
print("invitees", cr.fetchone()[0])
cr.execute("SELECT count(*) FROM parcours_intervenant")
print("accompaniment lines", cr.fetchone()[0])

manager = env.ref("referent_parcours.user_responsable_demo")  # noqa: F821
queries = {
    "situations by site and state": ("parcours.steering.situation", ["site_id", "state"], ["situation_count:sum"]),
    "référents from partner structures": (
        "parcours.steering.situation",
        ["referent_from_partner"],
        ["situation_count:sum"],
    ),
    "passages by site and month": (
        "parcours.steering.passage",
        ["site_id", "commission_date:month"],
        ["passage_count:sum", "family_present:sum", "notice_days:avg"],
    ),
    "attendance by role": ("parcours.steering.attendance", ["role", "attendance"], ["invitee_count:sum"]),
    "goals by domain and status": ("parcours.steering.objective", ["domain_id", "status"], ["goal_count:sum"]),
    "partners by site and structure type": (
        "parcours.steering.partner",
        ["site_id", "structure_type_id"],
        ["involvement_count:sum"],
    ),
}
for label, (model, groupby, aggregates) in queries.items():
    Model = env[model].with_user(manager)  # noqa: F821
    timings = []
    for _ in range(5):
        env.invalidate_all()  # noqa: F821
        start = time.perf_counter()
        Model._read_group([], groupby, aggregates)
        timings.append((time.perf_counter() - start) * 1000)
    print(f"{label}: median {statistics.median(timings):.0f} ms")
cr.rollback()
