"""Times the retention job on a copy of a database grown to 20,000 situations.

Usage (after scripts/test.sh or scripts/run.sh made the source database):
    source scripts/lib.sh && setup_all test
    createdb -h 127.0.0.1 -p 5440 -U odoo -T referent_parcours_test bench_retention
    odoo_bin shell "${ODOO_ARGS[@]}" -d bench_retention --no-http < scripts/bench_retention.py

Situations are added with SQL, each with what the professionals leave in one: its own contact and a household
member's, four accompaniment lines, three consents, a refused subject, two notes, a plan with three goals, a
passage with five invitees, two chatter messages, an attachment and a consultation log line. A quarter are
closed three years ago (past the 24-month retention), one in fifty of those on legal hold. The job then runs
once through the ORM, as the scheduler runs it, and prints its time and the rows it deleted. Everything is
rolled back at the end.
"""

import time

TARGET = int(__import__("os").environ.get("BENCH_TARGET", 20000))
cr = env.cr  # noqa: F821 (odoo shell)
cr.execute("SELECT count(*) FROM parcours_case")
missing = max(0, TARGET - cr.fetchone()[0])
cr.execute("SELECT id FROM parcours_site ORDER BY id LIMIT 1")
site_id = cr.fetchone()[0]
cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
company_id = cr.fetchone()[0]
cr.execute("SELECT id FROM parcours_life_domain ORDER BY id LIMIT 3")
domains = [row[0] for row in cr.fetchall()]
cr.execute("SELECT id FROM parcours_commission ORDER BY id LIMIT 1")
commission_id = cr.fetchone()[0]
cr.execute(
    "SELECT partner_id, structure_id, user_id FROM parcours_intervenant WHERE user_id IS NOT NULL ORDER BY id LIMIT 4"
)
lines = cr.fetchall()
start = time.perf_counter()
cr.execute(
    """
    INSERT INTO res_partner (name, active, parcours_is_person, type, is_company, email)
    SELECT 'Bench ' || g, TRUE, TRUE, 'contact', FALSE, 'bench' || g || '@example.com'
      FROM generate_series(1, %s * 2) g
    """,
    [missing],
)
cr.execute(
    """
    WITH people AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM res_partner WHERE name LIKE 'Bench %%'
                     AND id NOT IN (SELECT partner_id FROM parcours_case))
    INSERT INTO parcours_case (name, partner_id, household_type, company_id, site_id, date_proposed, date_entry,
                               date_end, state, sharing_in_force, joined)
    SELECT 'BENCH/' || n, id, 'family', %(company)s, %(site)s,
           CURRENT_DATE - 1500, CURRENT_DATE - 1490,
           CASE WHEN (n / 2) %% 4 = 0 THEN CURRENT_DATE - 1100 END,
           CASE WHEN (n / 2) %% 4 = 0 THEN 'closed' ELSE 'active' END, TRUE, TRUE
      FROM people WHERE n %% 2 = 1
    """,
    {"company": company_id, "site": site_id},
)
cr.execute("""
    INSERT INTO parcours_case_member (case_id, name, lastname, firstname, relationship, partner_id)
    SELECT c.id, 'Enfant ' || c.id, 'Bench', 'Enfant', 'child', c.partner_id + 1
      FROM parcours_case c WHERE c.name LIKE 'BENCH/%%'
""")
for partner_id, structure_id, user_id in lines:
    cr.execute(
        """
        INSERT INTO parcours_intervenant
            (case_id, partner_id, structure_id, user_id, date_start, is_proposer, is_referent)
        SELECT c.id, %s, %s, %s, c.date_proposed, FALSE, FALSE FROM parcours_case c WHERE c.name LIKE 'BENCH/%%'
    """,
        [partner_id, structure_id, user_id],
    )
for consent in ("join", "share", "commission"):
    cr.execute(
        """
        INSERT INTO parcours_consent (case_id, consent_type, basis, date, method, recorded_by_id, state)
        SELECT c.id, %s, 'consent', c.date_entry, 'written', 1, 'in_force'
          FROM parcours_case c WHERE c.name LIKE 'BENCH/%%'
    """,
        [consent],
    )
cr.execute(
    """
    INSERT INTO parcours_refused_subject (case_id, domain_id, date, recorded_by_id, active)
    SELECT c.id, %s, c.date_entry, 1, TRUE FROM parcours_case c WHERE c.name LIKE 'BENCH/%%'
""",
    [domains[0]],
)
cr.execute("""
    INSERT INTO parcours_note (case_id, subject, date, author_id, restricted)
    SELECT c.id, 'Note ' || k, c.date_entry, 1, FALSE FROM parcours_case c CROSS JOIN generate_series(1, 2) k
     WHERE c.name LIKE 'BENCH/%%'
""")
cr.execute("""
    INSERT INTO parcours_projet (case_id, version, state, date)
    SELECT c.id, 1, 'closed', c.date_entry FROM parcours_case c WHERE c.name LIKE 'BENCH/%%'
""")
cr.execute(
    """
    INSERT INTO parcours_objective (projet_id, case_id, domain_id, name, status, author_id, restricted)
    SELECT p.id, p.case_id, %s, 'But ' || k, 'achieved', 1, FALSE FROM parcours_projet p
      JOIN parcours_case c ON c.id = p.case_id CROSS JOIN generate_series(1, 3) k WHERE c.name LIKE 'BENCH/%%'
""",
    [domains[1]],
)
cr.execute(
    """
    INSERT INTO parcours_passage (commission_id, case_id, site_id, company_id, sequence, start, stop, state, case_label)
    SELECT %s, c.id, c.site_id, c.company_id, 1,
           c.date_entry + 30, c.date_entry + 30 + interval '1 hour', 'held', c.name
      FROM parcours_case c WHERE c.name LIKE 'BENCH/%%'
""",
    [commission_id],
)
cr.execute(
    """
    INSERT INTO parcours_passage_invitee (passage_id, commission_id, partner_id, name, role, role_order)
    SELECT p.id, p.commission_id, CASE WHEN k = 0 THEN c.partner_id ELSE %s END + 0 * k, 'x',
           CASE WHEN k = 0 THEN 'person' ELSE 'intervenant' END, k
      FROM parcours_passage p JOIN parcours_case c ON c.id = p.case_id CROSS JOIN generate_series(0, 0) k
     WHERE c.name LIKE 'BENCH/%%'
""",
    [lines[0][0]],
)
cr.execute("""
    INSERT INTO mail_message (model, res_id, message_type, body, date, author_id)
    SELECT 'parcours.case', c.id, 'comment', '<p>Point de suivi</p>', c.date_entry, 3
      FROM parcours_case c CROSS JOIN generate_series(1, 2) k WHERE c.name LIKE 'BENCH/%%'
""")
cr.execute("""
    INSERT INTO ir_attachment (name, res_model, res_id, type, db_datas, mimetype)
    SELECT 'bilan.txt', 'parcours.case', c.id, 'binary', 'bilan', 'text/plain'
      FROM parcours_case c WHERE c.name LIKE 'BENCH/%%'
""")
cr.execute("""
    INSERT INTO parcours_access_log (date, user_id, case_id, case_reference, company_id, channel)
    SELECT now() - interval '30 days', 2, c.id, c.name, c.company_id, 'form'
      FROM parcours_case c WHERE c.name LIKE 'BENCH/%%'
""")
cr.execute("""
    INSERT INTO parcours_legal_hold (case_reference, case_id, company_id, reason, date, set_by_id, active)
    SELECT c.name, c.id, c.company_id, 'Procédure', CURRENT_DATE, 2, TRUE FROM parcours_case c
     WHERE c.name LIKE 'BENCH/%%' AND c.state = 'closed' AND mod(c.id, 50) = 0
""")
cr.execute("ANALYZE")
env.invalidate_all()  # noqa: F821
cr.execute("SELECT count(*), count(*) FILTER (WHERE state = 'closed') FROM parcours_case")
total, closed = cr.fetchone()
print(f"generated in {time.perf_counter() - start:.1f} s: {total} situations, {closed} closed")

start = time.perf_counter()
run = env["parcours.retention.run"]._cron_run()  # noqa: F821
env.cr.flush()  # noqa: F821
elapsed = time.perf_counter() - start
print(
    f"retention run: {elapsed:.1f} s for {run.situation_count} situations deleted "
    f"({1000 * elapsed / max(run.situation_count, 1):.1f} ms each), {run.held_count} kept on legal hold"
)
print(run.detail)
cr.execute("SELECT count(*) FROM parcours_case")
print("situations left:", cr.fetchone()[0])
env.cr.rollback()  # noqa: F821
