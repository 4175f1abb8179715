from odoo import api, fields, models, tools
from odoo.tools import SQL


class ParcoursReferentDirectory(models.Model):
    """The directory of the professionals of the instance, open to all of them whatever their organisation.

    Only public columns (name, structure, territory, contact, availability, trainings and the count of situations
    followed as référent): no situation, no family, no link to a record of the situations."""

    _name = "parcours.referent.directory"
    _description = "Référents' directory"
    _auto = False
    _order = "name, id"

    name = fields.Char(string="Professional", readonly=True)
    organisation = fields.Char(readonly=True)
    structure = fields.Char(readonly=True)
    territory = fields.Char(readonly=True)
    email = fields.Char(string="E-mail", readonly=True)
    phone = fields.Char(readonly=True)
    available = fields.Boolean(string="Available for new situations", readonly=True)
    availability_note = fields.Char(string="Availability note", readonly=True)
    training_count = fields.Integer(string="Trainings attended", readonly=True)
    referent_count = fields.Integer(string="Situations followed as référent", readonly=True)
    trainings = fields.Char(compute="_compute_trainings")

    def _referent_counts(self, user_ids):
        """{user id: situations currently followed as référent}, counted in the database."""
        if not user_ids:
            return {}
        self.env["parcours.referent"].flush_model(["intervenant_id", "case_id", "date_start", "date_end"])
        self.env["parcours.intervenant"].flush_model(["user_id"])
        self.env.cr.execute(
            SQL("%s AND i.user_id IN %s GROUP BY i.user_id", self._referent_count_query(), tuple(user_ids))
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _referent_count_query(self):
        return SQL(
            "SELECT i.user_id, COUNT(DISTINCT r.case_id) FROM parcours_referent r "
            "JOIN parcours_intervenant i ON i.id = r.intervenant_id "
            "JOIN parcours_case c ON c.id = r.case_id "
            "WHERE i.user_id IS NOT NULL AND c.state NOT IN ('closed', 'refused') "
            "AND r.date_start <= CURRENT_DATE AND (r.date_end IS NULL OR r.date_end > CURRENT_DATE)"
        )

    def _compute_trainings(self):
        """The names of the network's trainings attended (event names are not confidential)."""
        registrations_sudo = (
            self.env["event.registration"]
            .sudo()
            .search(
                [
                    ("partner_id.user_ids", "in", self.ids),
                    ("state", "=", "done"),
                    ("event_id.parcours_network", "=", True),
                ]
            )
        )
        for entry in self:
            names = registrations_sudo.filtered(lambda r, e=entry: e.id in r.partner_id.user_ids.ids).event_id.mapped(
                "name"
            )
            entry.trainings = ", ".join(sorted(set(names)))

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT u.id AS id,
                       p.name AS name,
                       cp.name AS organisation,
                       COALESCE(sp.name, cp.name) AS structure,
                       u.parcours_territory AS territory,
                       p.email AS email,
                       COALESCE(p.phone, p.mobile) AS phone,
                       COALESCE(u.parcours_available, FALSE) AS available,
                       u.parcours_availability_note AS availability_note,
                       (SELECT COUNT(DISTINCT reg.event_id) FROM event_registration reg
                          JOIN event_event ev ON ev.id = reg.event_id
                         WHERE reg.partner_id = u.partner_id AND reg.state = 'done' AND ev.parcours_network
                       ) AS training_count,
                       COALESCE(rc.count, 0) AS referent_count
                  FROM res_users u
                  JOIN res_partner p ON p.id = u.partner_id
                  JOIN res_company co ON co.id = u.company_id
                  JOIN res_partner cp ON cp.id = co.partner_id
             LEFT JOIN res_partner sp ON sp.id = u.parcours_structure_id
             LEFT JOIN (%(counts)s GROUP BY i.user_id) rc ON rc.user_id = u.id
                 WHERE u.active AND NOT u.share
                   AND EXISTS (
                        SELECT 1 FROM res_groups_users_rel gu
                          JOIN ir_model_data imd ON imd.res_id = gu.gid AND imd.model = 'res.groups'
                         WHERE gu.uid = u.id AND imd.module = 'referent_parcours'
                           AND imd.name = 'group_parcours_user'
                   )
            )
            """,
                table=SQL.identifier(self._table),
                counts=self._referent_count_query(),
            )
        )
