from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

# What goes with a situation, table by table, counted before and after each run.
COUNTED_TABLES = (
    "parcours_case",
    "parcours_case_member",
    "parcours_intervenant",
    "parcours_referent",
    "parcours_consent",
    "parcours_refused_subject",
    "parcours_note",
    "parcours_interview",
    "parcours_interview_item",
    "parcours_projet",
    "parcours_objective",
    "parcours_diagnostic_line",
    "parcours_projet_step",
    "parcours_releve",
    "parcours_releve_review",
    "parcours_releve_signature",
    "parcours_passage",
    "parcours_passage_invitee",
    "parcours_person_space",
    "parcours_document",
    "parcours_portal_request",
    "calendar_event",
    "calendar_attendee",
    "mail_message",
    "mail_activity",
    "ir_attachment",
    "res_users",
    "res_partner",
)


class ParcoursRetentionRun(models.Model):
    """A run of the retention: how many situations were deleted and how many rows went with them; counts only,
    no name or reference."""

    _name = "parcours.retention.run"
    _description = "Run of the retention of closed situations"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    situation_count = fields.Integer(string="Situations deleted", readonly=True)
    held_count = fields.Integer(string="Kept on legal hold", readonly=True)
    detail = fields.Text(string="Rows deleted per table", readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 2))

    @api.model
    def _cron_run(self):
        """Deletes the situations past their retention, with everything attached; logs the counts."""
        start = fields.Datetime.now()
        Case = self.env["parcours.case"].sudo()
        due, held = Case._retention_due(fields.Date.context_today(self))
        before = self._count_rows()
        due._retention_delete()
        after = self._count_rows()
        detail = "\n".join(
            f"{table}: {before[table] - after[table]}" for table in COUNTED_TABLES if before[table] != after[table]
        )
        return self.sudo().create(
            {
                "situation_count": len(due),
                "held_count": len(held),
                "detail": detail,
                "duration": (fields.Datetime.now() - start).total_seconds(),
            }
        )

    def _count_rows(self):
        counts = {}
        for table in COUNTED_TABLES:
            self.env.cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[table] = self.env.cr.fetchone()[0]
        return counts

    @api.model
    def _preview(self, on_date=None):
        """What a run on that date (next month by default) would delete, and what the holds keep."""
        on_date = on_date or fields.Date.context_today(self) + relativedelta(months=1)
        companies = None if self.env.su else self.env.user.company_ids
        return self.env["parcours.case"].sudo()._retention_due(on_date, with_dates=True, companies=companies)
