from odoo import fields, models, tools
from odoo.tools import SQL


class ParcoursSteeringMixin(models.AbstractModel):
    """A steering figure read from a SQL view: counts, never names.

    When the retention deletes a situation, the rows it gave the view are first copied, as they are, into the
    view's archive table (``<view>_archive``), which the view adds to what remains: the counts of past years
    survive the deletion of the files they were counted from. Each row carries the situation it comes from in
    a ``case_id`` column of the view, which no field exposes.
    """

    _name = "parcours.steering.mixin"
    _description = "Steering figure read from a SQL view (counts, never names)"

    # Whether the rows of a deleted situation are kept as anonymous counts (not for figures of what is in
    # force today, such as the goals of the plans in force).
    _steering_archived = True

    company_id = fields.Many2one("res.company", string="Organisation", readonly=True)
    site_id = fields.Many2one("parcours.site", string="Site", readonly=True)

    def _view_query(self):
        """The SELECT behind the view; one row per counted thing, with its situation as ``case_id``."""
        raise NotImplementedError

    def init(self):
        if self._abstract:
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        query = SQL(self._view_query())
        if self._steering_archived:
            archive = SQL.identifier(f"{self._table}_archive")
            self.env.cr.execute(
                SQL("CREATE TABLE IF NOT EXISTS %s AS SELECT * FROM (%s) live WITH NO DATA", archive, query)
            )
            self._add_new_columns_to_archive(archive, query)
            query = SQL("(%s) UNION ALL (SELECT * FROM %s)", query, archive)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), query))

    def _add_new_columns_to_archive(self, archive, query):
        """Columns added to the view since its archive was created are added at its end (empty for the rows
        archived before), so that the archive still matches the view's columns one for one."""
        table = f"{self._table}_archive"
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        )
        existing = [row[0] for row in self.env.cr.fetchall()]
        self.env.cr.execute(SQL("SELECT * FROM (%s) live LIMIT 0", query))
        wanted = [column.name for column in self.env.cr.description]
        missing = [name for name in wanted if name not in existing]
        if not missing:
            return
        self.env.cr.execute(
            SQL(
                "CREATE TEMP TABLE parcours_steering_shape ON COMMIT DROP AS SELECT * FROM (%s) live WITH NO DATA",
                query,
            )
        )
        for name in missing:
            self.env.cr.execute(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = 'parcours_steering_shape'::regclass AND attname = %s",
                [name],
            )
            self.env.cr.execute(
                SQL(
                    "ALTER TABLE %s ADD COLUMN %s %s",
                    archive,
                    SQL.identifier(name),
                    SQL(self.env.cr.fetchone()[0]),
                )
            )
        self.env.cr.execute("DROP TABLE parcours_steering_shape")

    def _archive_cases(self, case_ids):
        """Keeps the rows of these situations as anonymous counts before they are deleted."""
        if not self._steering_archived or not case_ids:
            return 0
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s SELECT * FROM (%s) live WHERE live.case_id IN %s",
                SQL.identifier(f"{self._table}_archive"),
                SQL(self._view_query()),
                tuple(case_ids),
            )
        )
        return self.env.cr.rowcount
