from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

REASONS = [
    ("complaint", "A complaint"),
    ("incident", "An incident"),
    ("legal", "A legal request (court, police, ombudsman)"),
    ("other", "Another reason"),
]


class ParcoursExceptionalAccess(models.Model):
    """A manager (or an administrator of the addon) reads one situation by name, for a stated reason, until a
    given time: the only way they do. Logged, announced to the référent, shown in the person's history."""

    _name = "parcours.exceptional.access"
    _description = "Exceptional access to a situation"
    _inherit = ["parcours.anchor.mixin"]
    _parcours_anchor_fields = ("case_id", "user_id", "reason", "reason_detail", "date_start")
    _parcours_system_fields = ("date_start",)
    _order = "date_start desc, id desc"
    _rec_name = "case_reference"

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    case_reference = fields.Char(related="case_id.name", string="Reference")
    company_id = fields.Many2one(related="case_id.company_id", store=True, string="Organisation")
    user_id = fields.Many2one(
        "res.users", string="Who", required=True, index=True, readonly=True, default=lambda self: self.env.user
    )
    reason = fields.Selection(REASONS, required=True)
    reason_detail = fields.Text(string="Details", required=True, help="What the access is needed for, in a few words.")
    date_start = fields.Datetime(string="From", required=True, readonly=True, default=fields.Datetime.now)
    date_end = fields.Datetime(
        string="Until",
        required=True,
        default=lambda self: self._default_date_end(),
        help="The end of the day by default. The access can be closed earlier, never extended: ask a new one.",
    )
    is_open = fields.Boolean(compute="_compute_is_open", string="Open")

    _sql_constraints = [
        ("dates_ordered", "CHECK(date_end >= date_start)", "An exceptional access cannot end before it starts."),
    ]

    @api.model
    def _default_date_end(self):
        """Midnight tonight, in the user's time zone."""
        tz = pytz.timezone(self.env.user.tz or "Europe/Paris")
        today = fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(tz).date()
        end = tz.localize(datetime.combine(today, time(23, 59, 59)))
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("date_start", "date_end")
    def _compute_is_open(self):
        """Open between its start and its end."""
        now = fields.Datetime.now()
        for access in self:
            access.is_open = access.date_start <= now < access.date_end

    @api.constrains("date_end", "date_start", "reason_detail")
    def _check_length(self):
        for access in self:
            self._check_request(access.reason_detail, access.date_start, access.date_end)

    @api.model
    def _check_request(self, reason_detail, date_start, date_end):
        """A reason said in words, and a week at most."""
        if not (reason_detail or "").strip():
            raise ValidationError(self.env._("Say what the exceptional access is needed for."))
        if not date_end or date_end < date_start or (date_end - date_start).days >= 8:
            raise ValidationError(
                self.env._("An exceptional access ends within a week at most: ask a new one if needed.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if "date_start" in vals:
                    raise AccessError(self.env._("An exceptional access starts when it is asked."))
            cases = self.env["parcours.case"].sudo().browse({vals.get("case_id") for vals in vals_list})
            if not self.env.user.has_group("referent_parcours.group_parcours_manager") or (
                cases.company_id - self.env.user.company_ids
            ):
                raise AccessError(
                    self.env._("An exceptional access is asked by a manager, for a situation of their organisation.")
                )
            for vals in vals_list:
                if vals.get("user_id", self.env.uid) != self.env.uid:
                    raise AccessError(self.env._("An exceptional access is asked for oneself."))
        accesses = super().create(vals_list)
        accesses._announce()
        return accesses

    def _check_client_links(self, vals):
        # The situation itself is what the access opens: create() checks who may ask for it.
        return super()._check_client_links({fname: value for fname, value in vals.items() if fname != "case_id"})

    def write(self, vals):
        if not vals:
            return True
        if set(vals) - {"date_end"} or any(fields.Datetime.to_datetime(vals["date_end"]) > a.date_end for a in self):
            raise AccessError(self.env._("An exceptional access can be closed earlier, never extended: ask a new one."))
        return super().write(vals)

    def action_close(self):
        """Ends the access now."""
        now = fields.Datetime.now()
        for access in self.filtered(lambda a: a.date_end > now):
            access.write({"date_end": max(now, access.date_start)})

    def _parcours_log_case(self):
        return self.case_id

    def _announce(self):
        """Logged with its reason; the référent gets an activity; the situation's history tells it."""
        labels = dict(self._fields["reason"]._description_selection(self.env))
        for access in self:
            case = access.case_id.sudo()
            reason = f"{labels[access.reason]}: {access.reason_detail}"
            self.env["parcours.access.log"].with_user(access.user_id)._log(
                access, "exceptional", reason=access.reason_detail
            )
            note = self.env._(
                "Exceptional access by %(name)s until %(end)s. Reason: %(reason)s",
                name=access.user_id.name,
                end=fields.Datetime.context_timestamp(access, access.date_end).strftime("%d/%m/%Y %H:%M"),
                reason=reason,
            )
            case.message_post(body=note, subtype_xmlid="mail.mt_note", author_id=access.user_id.partner_id.id)
            user = case._answering_user()
            if user:
                case.activity_schedule(
                    "referent_parcours.mail_activity_type_exceptional_access", user_id=user.id, note=note
                )
