"""Times a six-passage session's documents: its letters, agenda and decision records, one run each.

Usage (after scripts/test.sh made the test database, which has the demo data):
    source scripts/lib.sh && setup_all test
    createdb -h 127.0.0.1 -p 5440 -U odoo -T referent_parcours_test bench_documents
    odoo_bin shell "${ODOO_ARGS[@]}" -d bench_documents --no-http < scripts/bench_documents.py

A session of the demo's Liévin site gets six passages (the demo situations that agree to be discussed in
commission, repeated if needed), each with its invitees and a decision record. Each document kind is rendered
to real PDFs three times; the median and the number of wkhtmltopdf runs are printed, against one letter.
Everything is rolled back at the end.
"""

import statistics
import time
from datetime import timedelta

from odoo import fields

from odoo.addons.base.models.ir_actions_report import IrActionsReport

runs = []
original = IrActionsReport._run_wkhtmltopdf


def counted(self, bodies, *args, **kwargs):
    runs.append(len(bodies))
    return original(self, bodies, *args, **kwargs)


IrActionsReport._run_wkhtmltopdf = counted
su = env(context=dict(env.context, force_report_rendering=True))  # noqa: F821 (odoo shell)
site = su.ref("referent_parcours.site_lievin_demo")
day = fields.Date.today() + timedelta(days=45)
session = su["parcours.commission"].create(
    {
        "site_id": site.id,
        "start": site._local_datetime(day, 8),
        "stop": site._local_datetime(day, 18),
        "pilot_id": site.pilot_id.id,
        "capacity": 6,
    }
)
cases = su["parcours.case"].search([]).filtered(lambda c: c._has_commission_consent())
passages = su["parcours.passage"]
for case in (list(cases) * 6)[:6]:
    passages |= su["parcours.passage"].create({"case_id": case.id, "commission_id": session.id})
releves = su["parcours.releve"].browse([p.action_open_releve()["res_id"] for p in passages])
invitees = passages.invitee_ids
Report = su["ir.actions.report"]


def timed(label, render):
    render()
    times = []
    for _ in range(3):
        runs.clear()
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:48s} {median:6.2f} s  {len(runs)} wkhtmltopdf run(s)")
    return median


one = timed("one letter", lambda: invitees[:1]._render_letters())
letters = timed(f"the session's {len(invitees)} letters (one file each)", lambda: invitees._render_letters())
timed("the agenda", lambda: Report._render_qweb_pdf("referent_parcours.action_report_parcours_agenda", session.ids))
timed(
    f"the {len(releves)} decision records",
    lambda: Report._render_qweb_pdf("referent_parcours.action_report_parcours_releve", releves.ids),
)
print(f"letters / one letter: {letters / one:.2f}")
IrActionsReport._run_wkhtmltopdf = original
env.cr.rollback()  # noqa: F821
