from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError


class ParcoursSteeringPrint(models.TransientModel):
    _name = "parcours.steering.print"
    _description = "Print the steering summary of a period"
    _inherit = ["parcours.wizard.mixin"]

    date_from = fields.Date(
        string="From", required=True, default=lambda self: fields.Date.context_today(self) + relativedelta(months=-3)
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    site_ids = fields.Many2many(
        "parcours.site", string="Sites", help="Leave empty for every site of your organisations."
    )

    def action_print(self):
        """Prints the comité de suivi's figures, site by site, for the period."""
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The end of the period must come after its start."))
        return self.env.ref("referent_parcours.action_report_parcours_steering").report_action(self)

    def _sites(self):
        return self.site_ids or self.env["parcours.site"].search([])

    def _figures(self):
        """Counts per site for the period, read through the steering views (the reader's organisations only)."""
        self.ensure_one()
        period = [self.date_from, self.date_to]
        sites = self._sites()
        site_domain = [("site_id", "in", sites.ids)]

        def grouped(model, domain, groupby, aggregates):
            return self.env[model]._read_group(site_domain + domain, ["site_id", *groupby], aggregates)

        figures = {
            site: {
                "states": {},
                "new": 0,
                "refused": 0,
                "referents": 0,
                "partner_referents": 0,
                "sessions": 0,
                "days": 0,
                "passages": 0,
                "postponed": 0,
                "notice": None,
                "family_present": 0,
                "family_recorded": 0,
                "goals": {},
                "succession_due": 0,
                "partners": {},
            }
            for site in sites
        }
        for site, state, count in grouped("parcours.steering.situation", [], ["state"], ["situation_count:sum"]):
            figures[site]["states"][state] = count
        for site, count in grouped(
            "parcours.steering.situation",
            [("date_proposed", ">=", period[0]), ("date_proposed", "<=", period[1])],
            [],
            ["situation_count:sum"],
        ):
            figures[site]["new"] = count
        for site, count in grouped(
            "parcours.steering.situation",
            [("date_proposed", ">=", period[0]), ("date_proposed", "<=", period[1]), ("state", "=", "refused")],
            [],
            ["situation_count:sum"],
        ):
            figures[site]["refused"] = count
        for site, partner, count in grouped(
            "parcours.steering.situation",
            [("has_referent", "=", True), ("state", "in", ("accepted", "active"))],
            ["referent_from_partner"],
            ["situation_count:sum"],
        ):
            figures[site]["referents"] += count
            if partner:
                figures[site]["partner_referents"] += count
        held = [
            ("commission_date", ">=", period[0]),
            ("commission_date", "<=", period[1]),
            ("commission_state", "in", ("held", "closed")),
        ]
        for site, sessions, days, passages, postponed, notice, present, recorded in grouped(
            "parcours.steering.passage",
            held,
            [],
            [
                "commission_id:count_distinct",
                "commission_date:count_distinct",
                "passage_count:sum",
                "postponed:sum",
                "notice_days:avg",
                "family_present:sum",
                "family_recorded:sum",
            ],
        ):
            figures[site].update(
                sessions=sessions,
                days=days,
                passages=passages,
                postponed=postponed,
                notice=notice,
                family_present=present,
                family_recorded=recorded,
            )
        for site, status, count in grouped("parcours.steering.objective", [], ["status"], ["goal_count:sum"]):
            figures[site]["goals"][status] = count
        for site, structure_type, count in grouped(
            "parcours.steering.partner",
            [("follows_today", "=", True)],
            ["structure_type_id"],
            ["involvement_count:sum"],
        ):
            figures[site]["partners"][structure_type.name or self.env._("Not specified")] = count
        for site, count in self.env["parcours.case"]._read_group(
            [("site_id", "in", sites.ids), ("referent_succession_due", "=", True)], ["site_id"], ["__count"]
        ):
            figures[site]["succession_due"] = count
        return figures

    def _people_figures(self):
        """Per site: the référents named, each professional counted once (how many from partner structures, by
        structure type, their caseload), and the families seen again in commission in the period with what
        became of the goals they had set. Counts only, the reader's organisations only."""
        self.ensure_one()
        sites = self._sites()
        figures = {
            site: {
                "referents": 0,
                "partner_referents": 0,
                "referent_types": {},
                "caseload_min": None,
                "caseload_avg": None,
                "caseload_max": None,
                "families_again": 0,
                "reviewed": 0,
                "achieved": 0,
                "in_progress": 0,
                "given_up": 0,
                "other_outcome": 0,
            }
            for site in sites
        }
        site_domain = [("site_id", "in", sites.ids)]
        caseloads = {}
        for site, structure_type, partner, count, load, load_min, load_max in self.env[
            "parcours.steering.referent"
        ]._read_group(
            site_domain,
            ["site_id", "structure_type_id", "from_partner"],
            ["referent_count:sum", "caseload:sum", "caseload:min", "caseload:max"],
        ):
            f = figures[site]
            f["referents"] += count
            if partner:
                f["partner_referents"] += count
            label = structure_type.name or self.env._("Not specified")
            f["referent_types"][label] = f["referent_types"].get(label, 0) + count
            f["caseload_min"] = load_min if f["caseload_min"] is None else min(f["caseload_min"], load_min)
            f["caseload_max"] = load_max if f["caseload_max"] is None else max(f["caseload_max"], load_max)
            caseloads[site] = caseloads.get(site, 0) + load
        for site, load in caseloads.items():
            figures[site]["caseload_avg"] = load / figures[site]["referents"]
        Journey = self.env["parcours.steering.journey"]
        period = [("commission_date", ">=", self.date_from), ("commission_date", "<=", self.date_to)]
        for site_id, count in Journey._families_seen_again(site_domain + period).items():
            figures[self.env["parcours.site"].browse(site_id)]["families_again"] = count
        for site, *counts in Journey._read_group(
            site_domain + period + [("repeat_passage", "=", True)],
            ["site_id"],
            ["reviewed:sum", "achieved:sum", "in_progress:sum", "given_up:sum", "other_outcome:sum"],
        ):
            figures[site].update(
                zip(("reviewed", "achieved", "in_progress", "given_up", "other_outcome"), counts, strict=False)
            )
        return figures

    def _partnership_figures(self):
        """The counts of the organisations sharing theirs, for the comité de pilotage (empty unless the
        reader's organisation shares its own)."""
        return self.env["parcours.steering.partnership"].search_read(
            [],
            ["organisation", "situation_count", "referent_count", "session_count", "family_present_count"],
            order="organisation",
        )

    def _questionnaire_figures(self):
        """What the questionnaires after a commission say, per site, for the period: for the person's and the
        professionals' questionnaire, the number of answers and the average (1 to 5) of each scale question,
        the averages only when the site has at least its organisation's minimum of answers. Counts and
        averages only, read in SQL from the answers no user may read one by one, for the sites the reader
        sees."""
        self.ensure_one()
        sites = self._sites()
        labels = dict(self.env["parcours.steering.questionnaire"]._fields["question"]._description_selection(self.env))
        figures = {
            site: {
                respondent: {"count": 0, "shown": False, "averages": []} for respondent in ("person", "professional")
            }
            for site in sites
        }
        if not sites:
            return figures
        # Whole quarters only, each with at least the minimum of answers (the steering view's rule): comparing
        # two periods a day apart must not isolate one respondent.
        quarter_domain = [
            ("site_id", "in", sites.ids),
            ("quarter", ">=", self.date_from.replace(month=(self.date_from.month - 1) // 3 * 3 + 1, day=1)),
            ("quarter", "<=", self.date_to),
        ]
        rows = (
            self.env["parcours.steering.questionnaire"]
            .sudo()
            ._read_group(
                quarter_domain,
                ["site_id", "respondent", "question"],
                ["answer_count:sum", "score_total:sum"],
            )
        )
        order = [key for key, _label in self.env["parcours.steering.questionnaire"]._fields["question"].selection]
        for site, respondent, key, count, score_total in sorted(rows, key=lambda row: order.index(row[2])):
            entry = figures[site][respondent]
            entry["shown"] = True
            entry["averages"].append((labels.get(key, key), score_total / count))
        # How many answered in those quarters (a count, never an answer).
        self.env.cr.execute(
            """
            SELECT ui.parcours_site_id, ui.parcours_respondent, COUNT(*)
              FROM survey_user_input ui
             WHERE ui.parcours_respondent IS NOT NULL AND ui.state = 'done'
               AND ui.parcours_site_id IN %s
               AND ui.parcours_date >= date_trunc('quarter', %s::date) AND ui.parcours_date <= %s
          GROUP BY 1, 2
            """,
            [tuple(sites.ids), self.date_from, self.date_to],
        )
        for site_id, respondent, count in self.env.cr.fetchall():
            figures[sites.browse(site_id)][respondent]["count"] = count
        return figures
