from collections import defaultdict

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

CHANNELS = [
    ("form", "Opened the file"),
    ("print", "Printed a document"),
    ("export", "Exported data"),
    ("download", "Downloaded a document"),
    ("space", "Opened the person's space"),
    ("exceptional", "Exceptional access"),
    ("right_of_access", "Produced the person's file"),
]


class ParcoursAccessLog(models.Model):
    """One line per consultation of a situation or of anything of it (CNIL deliberation 2021-122).

    Lines are appended by the system only (``_log``), in one batched insert per transaction, and never
    changed or deleted through the ORM, by anyone: the daily purge removes those older than the retention
    in SQL. The data protection officer reads them; the person reads those of their own file in their space.
    """

    _name = "parcours.access.log"
    _description = "Consultation of a situation"
    _order = "date desc, id desc"
    _log_access = False

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Who", required=True, index=True, readonly=True, ondelete="restrict")
    case_id = fields.Many2one("parcours.case", string="Situation", index=True, readonly=True, ondelete="set null")
    case_reference = fields.Char(string="Reference", readonly=True, help="Kept when the situation is deleted.")
    company_id = fields.Many2one("res.company", string="Organisation", index=True, readonly=True)
    channel = fields.Selection(CHANNELS, required=True, readonly=True, index=True)
    reason = fields.Char(readonly=True, help="Why, when the consultation needs one (exceptional access).")
    res_model = fields.Char(string="Kind of record concerned", readonly=True)
    res_id = fields.Many2oneReference(string="Id of the record concerned", model_field="res_model", readonly=True)
    res_ref = fields.Reference(selection="_selection_res_ref", string="Record concerned", compute="_compute_res_ref")
    structure_name = fields.Char(
        string="Structure", readonly=True, help="The consulting professional's structure, then."
    )
    function = fields.Char(readonly=True, help="The consulting professional's function, then.")
    case_label = fields.Char(
        string="Person or household",
        compute="_compute_case_label",
        search="_search_case_label",
        help="Who the file is about, for the data protection officer answering a request.",
    )

    @api.model
    def _purpose_for_person(self, channel):
        """What the person reads in their space for each channel, in plain words."""
        return {
            "form": self.env._("Looked at your file"),
            "print": self.env._("Printed a document of your file"),
            "export": self.env._("Copied information from your file"),
            "download": self.env._("Downloaded one of your documents"),
            "space": self.env._("Looked at your personal space"),
            "exceptional": self.env._("Looked at your file exceptionally"),
            "right_of_access": self.env._("Prepared your complete file, at your request"),
        }[channel]

    def _reason_for_person(self):
        """Why, in the reader's language: the kind of reason of an exceptional access and what was written."""
        self.ensure_one()
        access = (
            self.res_model == "parcours.exceptional.access" and self.env[self.res_model].browse(self.res_id).exists()
        )
        if not access:
            return self.reason
        label = dict(access._fields["reason"]._description_selection(self.env)).get(access.reason)
        return f"{label}: {self.reason}" if self.reason else label

    @api.model
    def _selection_res_ref(self):
        return [
            (model, self.env[model]._description)
            for model in self.env.registry
            if model.startswith("parcours.") and not self.env[model]._abstract and not self.env[model]._transient
        ]

    @api.depends("res_model", "res_id")
    def _compute_res_ref(self):
        """The record itself, while it exists (stored as a model and an id: a reference would be checked
        record by record when the lines are written)."""
        for line in self:
            line.res_ref = f"{line.res_model},{line.res_id}" if line.res_model in self.env and line.res_id else False

    def _compute_case_label(self):
        """The household's name and the reference, read by the officer without reading the situation."""
        for line in self:
            case = line.sudo().case_id
            line.case_label = f"{case.partner_id.name} ({case.name})" if case else line.case_reference

    def _search_case_label(self, operator, value):
        if operator not in ("ilike", "=", "like", "=ilike"):
            operator = "ilike"
        cases = (
            self.env["parcours.case"]
            .sudo()
            .with_context(active_test=False)
            ._search(["|", ("name", operator, value), ("partner_id.name", operator, value)])
        )
        return ["|", ("case_id", "in", cases), ("case_reference", operator, value)]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("case_id") and not vals.get("case_reference"):
                vals["case_reference"] = self.env["parcours.case"].sudo().browse(vals["case_id"]).name
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        # Append-only, the system included: no write reaches the table.
        raise AccessError(self.env._("The consultation log is kept as written: nobody changes a line."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_retention_over(self):
        raise AccessError(
            self.env._("The consultation log is kept as written: lines leave it only when the retention is over.")
        )

    @api.model
    def _log(self, records, channel, reason=None):
        """Appends one line per record consulted by the current user.

        Nothing is read now: the lines are completed and written when the transaction commits, in one insert
        whatever their number (one line per record and channel in a transaction), so that a consultation costs
        the screen that shows it no query.
        """
        user = self.env.user
        if not records or not user._is_internal() or user._is_superuser():
            return
        pending = self.env.cr.precommit.data.setdefault("parcours.access.log", {})
        if not pending:
            self.env.cr.precommit.add(self._flush_pending)
        now = fields.Datetime.now()
        for record in records:
            pending.setdefault((user.id, record._name, record.id, channel), (now, reason))
        if self.env.cr.readonly:
            # A read-only request (downloads, reports, served by a replica when there is one) cannot write its
            # line: Odoo runs such a request again in a read/write transaction when it meets this error.
            raise psycopg2.errors.ReadOnlySqlTransaction("the consultation log is written in a read/write transaction")

    def _flush_pending(self, pending=None):
        """Completes the pending lines (situation, organisation, the professional's structure and function)
        and writes them in one insert."""
        pending = self.env.cr.precommit.data.pop("parcours.access.log", {}) if pending is None else pending
        if not pending:
            return
        env = self.sudo().env
        users = {user.id: user for user in env["res.users"].browse({key[0] for key in pending})}
        # One read per model (not per record): an export or a print of many records logs them all at once.
        by_model = defaultdict(set)
        for _user_id, model, res_id, _channel in pending:
            by_model[model].add(res_id)
        records = {
            (model, record.id): record
            for model, ids in by_model.items()
            if model in env
            for record in env[model].browse(ids).exists()
        }
        vals_list = []
        for (user_id, model, res_id, channel), (date, reason) in pending.items():
            record = records.get((model, res_id))
            case = record and record._parcours_log_case()
            if not case:
                continue
            user = users[user_id]
            vals_list.append(
                {
                    "date": date,
                    "user_id": user_id,
                    "case_id": case.id,
                    "case_reference": case.name,
                    "company_id": case.company_id.id,
                    "channel": channel,
                    "reason": reason,
                    "res_model": model,
                    "res_id": res_id,
                    "structure_name": user.partner_id.parent_id.name or user.company_id.name,
                    "function": user.partner_id.function,
                }
            )
        pending.clear()
        self.sudo().create(vals_list)

    @api.model
    def _cron_purge(self):
        """Removes the lines older than each organisation's retention (6 months by default, 6 to 12)."""
        for company in self.env["res.company"].sudo().search([]):
            self.env.cr.execute(
                SQL(
                    "DELETE FROM parcours_access_log"
                    " WHERE company_id = %s AND date < now() - make_interval(months => %s)",
                    company.id,
                    company.parcours_log_retention_months,
                )
            )
        self.env.cr.execute(
            "DELETE FROM parcours_access_log WHERE company_id IS NULL AND date < now() - interval '12 months'"
        )
        self.invalidate_model()
