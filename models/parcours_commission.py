from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, format_time

KINDS = [
    ("reception", "Reception phase (comité de suivi de parcours)"),
    ("follow_up", "Follow-up phase"),
    ("technical", "Technical commission"),
    ("referent_csp", "CSP led by the référent"),
]

# Groups that run sessions of any kind; a professional leads only a CSP of their own situations.
STAFF_GROUPS = (
    "referent_parcours.group_parcours_secretary",
    "referent_parcours.group_parcours_pilot",
    "referent_parcours.group_parcours_admin",
)


class ParcoursCommission(models.Model):
    _name = "parcours.commission"
    _description = "Commission session (instance partenariale)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "parcours.file.mixin",
        "parcours.access.mixin",
        "parcours.anchor.mixin",
        "parcours.calendar.mixin",
    ]
    _parcours_anchor_fields = ()
    _parcours_event_fields = ("site_id", "start", "stop", "venue", "pilot_id", "secretary_id", "state")
    _parcours_system_fields = ("state", "date_closed", "invitation_date", "invitation_late_reason", "cancel_reason")
    _order = "start desc, id desc"
    _rec_names_search = ["site_id.name", "venue"]
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", string="Session")
    site_id = fields.Many2one("parcours.site", required=True, index=True, check_company=True, tracking=True)
    company_id = fields.Many2one(related="site_id.company_id", store=True, index=True, string="Organisation")
    site_name = fields.Char(
        related="site_id.name",
        string="Site name",
        help="Read by invitees of other organisations, who do not see the site.",
    )
    start = fields.Datetime(required=True, tracking=True)
    stop = fields.Datetime(string="End", required=True, tracking=True)
    venue = fields.Char(tracking=True)
    pilot_id = fields.Many2one(
        "res.users",
        string="Pilot",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Leads the session as a neutral third party.",
    )
    secretary_id = fields.Many2one(
        "res.users",
        string="Secretary",
        tracking=True,
        domain="[('share', '=', False)]",
        help="Prepares the session, sends the invitations and writes the decision records.",
    )
    kind = fields.Selection(KINDS, default="technical", required=True)
    charter = fields.Html(string="Charter of the instance")
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("invited", "Invitations sent"),
            ("held", "Held"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    cancel_reason = fields.Text(readonly=True)
    capacity = fields.Integer(
        string="Usual situations", default=6, help="The site's usual number of situations per session."
    )
    passage_ids = fields.One2many("parcours.passage", "commission_id", string="Agenda")
    agenda_passage_ids = fields.Many2many(
        "parcours.passage",
        compute="_compute_agenda_passage_ids",
        string="Passages",
        help="The passages the reader may know of: all of them for the pilot and the secretariat, "
        "their own for an invitee.",
    )
    passage_count = fields.Integer(
        compute="_compute_passage_count", compute_sudo=True, string="Situations on the agenda"
    )
    overbooked = fields.Boolean(compute="_compute_passage_count", compute_sudo=True)
    invitation_date = fields.Datetime(string="Invitations sent on", readonly=True, copy=False)
    invitation_late_reason = fields.Text(
        string="Reason for sending late",
        readonly=True,
        copy=False,
        help="Why the invitations left with less than the site's notice.",
    )
    date_closed = fields.Date(readonly=True, copy=False)
    access_end_date = fields.Date(
        compute="_compute_access_end_date",
        store=True,
        help="Last day the pilot and the secretary see the situations of this session.",
    )
    access_open = fields.Boolean(
        compute="_compute_access_open",
        search="_search_access_open",
        help="The pilot and the secretary still see the situations on the agenda.",
    )
    access_staff = fields.Boolean(
        string="I prepare or run it",
        compute="_compute_access_staff",
        search="_search_access_staff",
        compute_sudo=True,
        help="The current user is the session's pilot or secretary (or a secretary of its site), and the "
        "window in which they see the situations on its agenda is open.",
    )
    pilot_warning = fields.Char(compute="_compute_pilot_warning")
    led_by_me = fields.Boolean(
        string="I lead it as référent",
        compute="_compute_led_by_me",
        help="A CSP led by the référent, whose pilot is the current user, who does not run sessions otherwise.",
    )

    _sql_constraints = [
        ("stop_after_start", "CHECK(stop > start)", "A session must end after it starts."),
    ]

    @api.depends("site_name", "start")
    @api.depends_context("lang", "tz")
    def _compute_name(self):
        """Neutral title in the reader's language: the site and the day, nothing about the situations."""
        for commission in self:
            if commission.site_id and commission.start:
                commission.name = self.env._(
                    "Commission of %(site)s on %(date)s",
                    site=commission.site_name,
                    date=format_date(self.env, commission._local_start().date()),
                )
            else:
                commission.name = self.env._("New session")

    @api.depends("passage_ids")
    @api.depends_context("uid")
    def _compute_agenda_passage_ids(self):
        """Searches as the reader, so record rules decide; a plain one2many would list every passage."""
        passages = self.env["parcours.passage"].search([("commission_id", "in", self.ids)], order="start, id")
        by_commission = passages.grouped("commission_id")
        for commission in self:
            commission.agenda_passage_ids = by_commission.get(commission, passages.browse())

    @api.depends("passage_ids.state", "capacity")
    def _compute_passage_count(self):
        """Counts the situations still on the agenda and flags an overbooked session."""
        for commission in self:
            count = len(commission.passage_ids.filtered(lambda p: p.state in ("scheduled", "held")))
            commission.passage_count = count
            commission.overbooked = count > commission.capacity

    @api.depends("date_closed", "company_id.parcours_commission_access_days")
    def _compute_access_end_date(self):
        """Closing starts the delay after which the pilot and the secretary lose the situations."""
        for commission in self:
            delay = commission.company_id.parcours_commission_access_days
            commission.access_end_date = commission.date_closed and commission.date_closed + timedelta(days=delay)

    @api.depends("state", "access_end_date")
    def _compute_access_open(self):
        """Open from scheduling until the end of the delay after closing."""
        today = fields.Date.context_today(self)
        for commission in self:
            commission.access_open = commission.state != "cancelled" and (
                not commission.access_end_date or commission.access_end_date >= today
            )

    def _search_access_open(self, operator, value):
        domain = [
            ("state", "!=", "cancelled"),
            "|",
            ("access_end_date", "=", False),
            ("access_end_date", ">=", fields.Date.context_today(self)),
        ]
        return self._access_condition_domain(operator, value, domain)

    @api.depends("pilot_id", "secretary_id", "site_id.secretary_ids", "state", "access_end_date")
    @api.depends_context("uid")
    def _compute_access_staff(self):
        """Whether the current user prepares or runs the session while its window is open."""
        self._compute_access_condition("access_staff")

    def _search_access_staff(self, operator, value):
        uid = self.env.uid
        domain = [
            ("access_open", "=", True),
            "|",
            "|",
            ("pilot_id", "=", uid),
            ("secretary_id", "=", uid),
            ("site_id.secretary_ids", "in", uid),
        ]
        return self._access_condition_domain(operator, value, domain)

    @api.depends("pilot_id", "passage_ids.case_id", "kind")
    def _compute_pilot_warning(self):
        """Warns when the pilot also follows a situation on the agenda: the pilot should be neutral, except in a
        CSP the référent convenes and leads."""
        for commission in self:
            if commission.kind == "referent_csp":
                commission.pilot_warning = False
                continue
            involved = commission.sudo().passage_ids.filtered(
                lambda p, pilot=commission.pilot_id: p.state in ("scheduled", "held")
                and pilot in p.case_id.intervenant_ids.filtered("is_active").user_id
            )
            commission.pilot_warning = bool(involved) and self.env._(
                "The pilot follows the situation of %(passages)s as an intervenant: "
                "a neutral pilot is the rule, consider another one.",
                passages=", ".join(involved.mapped("name")),
            )

    @api.depends("kind", "pilot_id")
    @api.depends_context("uid")
    def _compute_led_by_me(self):
        """Whether the current user leads this CSP as référent (the session buttons they need are shown)."""
        staff = any(self.env.user.has_group(group) for group in STAFF_GROUPS)
        for commission in self:
            commission.led_by_me = (
                not staff and commission.kind == "referent_csp" and commission.pilot_id == self.env.user
            )

    @api.constrains("kind", "pilot_id")
    def _check_referent_led(self):
        """A CSP led by the référent has the référent as pilot, and only their situations on its agenda."""
        for commission in self.sudo().filtered(lambda c: c.kind == "referent_csp"):
            if not commission.pilot_id:
                raise ValidationError(
                    self.env._("%(name)s is led by the référent: they are its pilot.", name=commission.name)
                )
            others = commission.passage_ids.filtered(
                lambda p, pilot=commission.pilot_id: p.state in ("requested", "scheduled", "held")
                and p.case_id.referent_user_id != pilot
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "%(name)s is led by a référent: only the situations they are the référent of go on its "
                        "agenda (%(count)s do not).",
                        name=commission.name,
                        count=len(others),
                    )
                )

    def _check_referent_may_open(self):
        """A professional who does not run sessions opens only a CSP they lead, for a situation they are the
        référent of (the record rule then checks the kind, the pilot and the organisation)."""
        if self.env.su or any(self.env.user.has_group(group) for group in STAFF_GROUPS):
            return
        is_referent = self.env["parcours.case"].search_count(
            [("referent_user_id", "=", self.env.uid), ("state", "in", ("accepted", "active"))], limit=1
        )
        if not is_referent or self.filtered(lambda c: c.kind != "referent_csp" or c.pilot_id != self.env.user):
            raise AccessError(
                self.env._("A référent convenes and leads a CSP for the situations they are the référent of.")
            )

    @api.constrains("start", "stop")
    def _check_dates(self):
        for commission in self.filtered(lambda c: c.start and c.stop and c.stop <= c.start):
            raise ValidationError(self.env._("The session %(name)s must end after it starts.", name=commission.name))

    @api.onchange("site_id")
    def _onchange_site_id(self):
        site = self.site_id
        if site:
            self.venue = self.venue or site.venue
            self.pilot_id = self.pilot_id or site.pilot_id
            self.secretary_id = self.secretary_id or site.secretary_ids[:1]
            self.capacity = site.passages_per_session
            self.charter = self.charter or site.charter

    @api.model_create_multi
    def create(self, vals_list):
        self._check_client_system_vals(vals_list)
        sites = self.env["parcours.site"].browse([vals["site_id"] for vals in vals_list if vals.get("site_id")])
        charters = {site.id: site.charter for site in sites}
        vals_list = [
            {"charter": charters.get(vals.get("site_id")), **vals} if not vals.get("charter") else vals
            for vals in vals_list
        ]
        commissions = super().create(vals_list)
        commissions._check_referent_may_open()
        return commissions

    def write(self, vals):
        shifts = {}
        if "start" in vals:
            new_start = fields.Datetime.to_datetime(vals["start"])
            shifts = {c: new_start - c.start for c in self if c.start and c.start != new_start}
        referent_led = self.filtered(lambda c: c.kind == "referent_csp")
        with self._event_batch():
            res = super().write(vals)
            if (referent_led or vals.get("kind") == "referent_csp") and {"kind", "pilot_id", "site_id"} & set(vals):
                # The rule is checked before the change: a référent's own CSP stays theirs and of that kind.
                self._check_referent_may_open()
                self.check_access("write")
            for commission, delta in shifts.items():
                for passage in commission.passage_ids.filtered("start"):
                    passage.write({"start": passage.start + delta, "stop": passage.stop + delta})
            if "pilot_id" in vals:
                self.passage_ids.filtered(lambda p: p.state in ("requested", "scheduled"))._sync_pilot_invitee()
            if {"site_id", "start", "venue", "pilot_id", "secretary_id"} & set(vals):
                # The passages' events show the session's name, place and organisers.
                self.passage_ids._mark_event_sync()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_agenda(self):
        if self.passage_ids.filtered(lambda p: p.state != "requested"):
            raise UserError(self.env._("Cancel the session instead of deleting it: situations are on its agenda."))

    def action_send_invitations(self):
        """Opens the sending assistant, which asks a reason when the notice is not respected."""
        return self._open_assistant("parcours.commission.invite", self.env._("Send the invitations"))

    def action_schedule_requests(self):
        """Opens the requests of the site so the secretary adds them to this session."""
        return self._open_assistant("parcours.commission.schedule", self.env._("Add situations to the agenda"))

    def _open_assistant(self, model, title):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_commission_id": self.id},
        }

    def action_hold(self):
        """The session took place: passages not postponed are marked as held."""
        for commission in self:
            if commission.state not in ("planned", "invited"):
                raise UserError(
                    self.env._("Only a planned session can be marked as held (%(name)s).", name=commission.name)
                )
        self.check_access("write")
        self.passage_ids.filtered(lambda p: p.state == "scheduled")._write_system({"state": "held"})
        self._write_system({"state": "held"})

    def action_close(self):
        """Closes the session: the pilot's and the secretary's access ends after the configured delay."""
        if self.filtered(lambda c: c.state != "held"):
            raise UserError(self.env._("Only a session that was held can be closed."))
        self.check_access("write")
        self._write_system({"state": "closed", "date_closed": fields.Date.context_today(self)})

    def action_cancel(self):
        """Opens the cancellation assistant, which asks the reason."""
        return self._open_assistant("parcours.commission.cancel", self.env._("Cancel the session"))

    def action_compute_slots(self):
        """Lays the agenda out again from the session start, one default length after another."""
        with self._event_batch():
            for commission in self:
                passages = commission.passage_ids.filtered(lambda p: p.state == "scheduled").sorted(
                    lambda p, start=commission.start: (p.sequence, p.start or start, p.id)
                )
                passages.write({"start": False, "stop": False})
                commission._assign_slots(passages)

    def action_print_agenda(self):
        return self.env.ref("referent_parcours.action_report_parcours_agenda").report_action(self)

    def action_print_attendance_sheet(self):
        return self.env.ref("referent_parcours.action_report_parcours_attendance").report_action(self)

    def action_print_releves(self):
        """Prints the session's decision records the reader may read, in one document (one run of wkhtmltopdf)."""
        releves = self.env["parcours.releve"].search(
            [("passage_id.commission_id", "in", self.ids), ("state", "!=", "amended")], order="passage_id, id"
        )
        if not releves:
            raise UserError(self.env._("No decision record is written for this session yet."))
        return self.env.ref("referent_parcours.action_report_parcours_releve").report_action(releves)

    def _local_start(self):
        return fields.Datetime.context_timestamp(self.with_context(tz=self._tz()), self.start)

    def _tz(self):
        return self.env.user.tz or "Europe/Paris"

    def _format_long_date(self, value):
        """Local day of a datetime in words (mardi 12 janvier 2027), easier to read than figures."""
        local = fields.Datetime.context_timestamp(self.with_context(tz=self._tz()), value)
        return format_date(self.env, local.date(), date_format="EEEE d MMMM y")

    def _format_time(self, value):
        """Local time of a datetime, as printed on documents (14:30)."""
        local = fields.Datetime.context_timestamp(self.with_context(tz=self._tz()), value)
        return format_time(self.env, local.time(), time_format="HH:mm")

    def _days_before(self):
        """Whole days between today and the session, in the session's time zone."""
        return (self._local_start().date() - fields.Date.context_today(self)).days

    def _is_late_for_invitations(self):
        self.ensure_one()
        return self._days_before() < self.site_id.invitation_notice_days

    def _check_can_invite(self, late_reason=None, resend=False):
        """Refuses to invite to a past, cancelled or empty session, or late without a reason."""
        self.ensure_one()
        if self.state not in ("planned", "invited"):
            raise UserError(
                self.env._("Invitations can only be sent for a planned session (%(name)s).", name=self.name)
            )
        if self.start <= fields.Datetime.now():
            raise UserError(
                self.env._("%(name)s is in the past: move it to a future date before inviting.", name=self.name)
            )
        if not resend and not self.passage_ids.filtered(lambda p: p.state == "scheduled"):
            raise UserError(self.env._("Add situations to the agenda of %(name)s before inviting.", name=self.name))
        reason = (late_reason or "").strip() or self.invitation_late_reason
        if not resend and self._is_late_for_invitations() and not reason:
            raise UserError(
                self.env._(
                    "%(name)s is in %(days)s day(s): invitations must leave %(notice)s days ahead. "
                    "Give the reason for sending late (an urgent situation, for instance).",
                    name=self.name,
                    days=self._days_before(),
                    notice=self.site_id.invitation_notice_days,
                )
            )

    def _send_invitations(self, late_reason=None):
        """Sends every letter still to send (or whose time changed) for the passages on the agenda."""
        self.ensure_one()
        self._check_can_invite(late_reason)
        invitees = self.passage_ids.filtered(lambda p: p.state == "scheduled").invitee_ids.filtered(
            lambda i: i.invitation_state in ("to_send", "outdated")
        )
        invitees._send_invitations()
        vals = {"state": "invited", "invitation_date": fields.Datetime.now()}
        if self._is_late_for_invitations() and (late_reason or "").strip():
            vals["invitation_late_reason"] = late_reason.strip()
        self._write_system(vals)
        self.message_post(
            body=self.env._(
                "%(count)s invitation letter(s) produced for %(passages)s passage(s).",
                count=len(invitees),
                passages=len(invitees.passage_id),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return invitees

    def _get_agenda_passages(self):
        """The passages the current reader may know of: all for the pilot and secretary, their own for others."""
        self.ensure_one()
        return self.agenda_passage_ids.filtered(lambda p: p.state in ("scheduled", "held", "postponed"))

    def _cancel(self, reason):
        """Cancels the sessions and asks each situation's référent to reschedule its passage."""
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for cancelling the session: it is told to the invitees."))
        if self.filtered(lambda c: c.state in ("held", "closed")):
            raise UserError(self.env._("A session that was held cannot be cancelled."))
        activity_type = self.env.ref("referent_parcours.mail_activity_type_commission_reschedule")
        for commission in self:
            passages = commission.passage_ids.filtered(lambda p: p.state == "scheduled")
            for passage in passages:
                case_sudo = passage.case_id.sudo()
                user = case_sudo.referent_user_id or passage.requested_by_id or self.env.user
                case_sudo.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    date_deadline=fields.Date.context_today(self),
                    note=self.env._(
                        "%(session)s is cancelled (%(reason)s): schedule the passage in another session.",
                        session=commission.name,
                        reason=reason,
                    ),
                )
            passages._write_system({"state": "cancelled"})
        self.check_access("write")
        self._write_system({"state": "cancelled", "cancel_reason": reason})

    def _assign_slots(self, passages):
        """Gives each passage without a time the next free slot of the default length."""
        self.ensure_one()
        length = timedelta(hours=self.site_id.passage_duration)
        taken = sorted(
            (p.start, p.stop)
            for p in self.passage_ids
            if p.start and p.state in ("scheduled", "held") and p not in passages
        )
        for passage in passages.filtered(lambda p: not p.start):
            start = self.start
            for busy_start, busy_stop in taken:
                if start + length <= busy_start:
                    break
                start = max(start, busy_stop)
            if start + length > self.stop:
                raise ValidationError(
                    self.env._(
                        "No free slot of %(hours)s hour(s) is left in %(session)s: shorten a passage, or choose "
                        "another session.",
                        hours=self.site_id.passage_duration,
                        session=self.name,
                    )
                )
            passage.write({"start": start, "stop": start + length})
            taken = sorted([*taken, (start, start + length)])

    def _next_free_session(self, after=None):
        """First planned session of the same site, after this one, with room left."""
        self.ensure_one()
        candidates = self.search(
            [
                ("site_id", "=", self.site_id.id),
                ("state", "in", ("planned", "invited")),
                ("start", ">", after or self.start),
                ("id", "!=", self.id),
            ],
            order="start",
            limit=10,
        )
        return candidates.filtered(lambda c: c.passage_count < c.capacity)[:1]

    def _prepare_event_vals(self):
        self.ensure_one()
        return {
            "name": self.name,
            "start": self.start,
            "stop": self.stop,
            "location": self.venue,
            "description": self.env._("Commission session. The agenda is sent to each invitee with their letter."),
            "privacy": "private",
            "show_as": "busy",
            "user_id": (self.secretary_id or self.pilot_id or self.env.user).id,
            "partner_ids": [Command.set((self.pilot_id | self.secretary_id).partner_id.ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "active": self.state != "cancelled",
        }
