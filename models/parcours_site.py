import calendar as pycalendar
from datetime import date, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
]


class ParcoursSite(models.Model):
    _name = "parcours.site"
    _description = "Site (local unit running commissions)"
    _order = "name"

    name = fields.Char(required=True)
    code = fields.Char()
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Address", help="Where the site receives people and holds its commissions."
    )
    active = fields.Boolean(default=True)
    commission_weekday = fields.Selection(WEEKDAYS, string="Commission day", default="1", required=True)
    commission_weeks = fields.Char(
        string="Weeks of the month",
        default="1,3",
        required=True,
        help="Which weeks of each month hold a session, separated by commas: 1 to 4, or 5 for the last one. "
        '"1,3" means the first and the third of the month.',
    )
    commission_hour_start = fields.Float(string="Sessions start at", default=9.0, required=True)
    commission_hour_end = fields.Float(
        string="Sessions end at",
        default=17.0,
        required=True,
        help="A whole day (9:00 to 17:00) or a half-day (9:00 to 12:30).",
    )
    passages_per_session = fields.Integer(
        string="Usual situations per session",
        default=6,
        required=True,
        help="Beyond this number the session is overbooked: the screen warns the secretary.",
    )
    passage_duration = fields.Float(
        string="Default length of a passage (hours)",
        default=1.5,
        required=True,
        help="The method sets one hour to one hour and a half per situation.",
    )
    invitation_notice_days = fields.Integer(
        string="Invitation notice (days)",
        default=15,
        required=True,
        help="Invitations leave at least this many days before the session (15 to 20 days); "
        "sending later requires a reason.",
    )
    venue = fields.Char(string="Usual venue", help="Room and address where the sessions are held.")
    pilot_id = fields.Many2one(
        "res.users",
        string="Usual pilot",
        domain="[('share', '=', False)]",
        help="A neutral professional who leads the sessions and is not involved in the situations.",
    )
    secretary_ids = fields.Many2many(
        "res.users",
        "parcours_site_secretary_rel",
        "site_id",
        "user_id",
        string="Secretariat",
        domain="[('share', '=', False)]",
        help="Who prepares the sessions: they see the requests for a passage and the situations scheduled.",
    )
    alarm_ids = fields.Many2many(
        "calendar.alarm",
        string="Reminders",
        default=lambda self: self._default_alarm_ids(),
        help="Reminders added to every passage in the invitees' calendars.",
    )
    charter = fields.Html(
        string="Charter of the commission",
        default=lambda self: self._default_charter(),
        help="The rules everyone accepts: printed in every invitation letter.",
    )

    _sql_constraints = [
        (
            "name_company_unique",
            "UNIQUE(name, company_id)",
            "A site with this name already exists in this organisation.",
        ),
        (
            "passages_per_session_positive",
            "CHECK(passages_per_session > 0)",
            "A session examines at least one situation: set a positive usual number of situations.",
        ),
        (
            "passage_duration_positive",
            "CHECK(passage_duration > 0)",
            "A passage lasts some time: set a positive default length.",
        ),
        (
            "invitation_notice_days_positive",
            "CHECK(invitation_notice_days >= 0)",
            "The invitation notice cannot be negative.",
        ),
    ]

    def _default_alarm_ids(self):
        alarms = self.env["calendar.alarm"]
        for xmlid in ("calendar.alarm_notif_5", "referent_parcours.calendar_alarm_mail_2_days"):
            alarms |= self.env.ref(xmlid, raise_if_not_found=False) or alarms
        return alarms

    def _default_charter(self):
        return self.env._(
            "<ul>"
            "<li>The commission meets with the person or the family, the professionals who accompany them and a "
            "pilot who leads the meeting without taking sides.</li>"
            "<li>Everyone speaks without judging. Each situation is discussed for one hour to one hour and a half.</li>"
            "<li>Only what is needed to help is shared, and only with the person's agreement.</li>"
            "<li>The person or the family may refuse that a subject be discussed: they say so before or during "
            "the meeting, and it is not discussed.</li>"
            "<li>At the end, the decisions and the objectives are written down and signed by the family and by "
            "each professional.</li>"
            "</ul>"
        )

    @api.constrains("commission_weeks")
    def _check_commission_weeks(self):
        for site in self:
            try:
                site._commission_week_numbers()
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "Weeks of the month of site %(site)s: write numbers from 1 to 5 separated by commas, "
                        'for example 1,3 (you wrote "%(weeks)s").',
                        site=site.name,
                        weeks=site.commission_weeks,
                    )
                ) from None

    @api.constrains("commission_hour_start", "commission_hour_end", "passage_duration")
    def _check_commission_hours(self):
        for site in self:
            if not 0 <= site.commission_hour_start < site.commission_hour_end <= 24:
                raise ValidationError(
                    self.env._("Sessions of site %(site)s must end after they start, within the day.", site=site.name)
                )
            if site.passage_duration > site.commission_hour_end - site.commission_hour_start:
                raise ValidationError(
                    self.env._("A passage of site %(site)s cannot last longer than a whole session.", site=site.name)
                )

    def action_plan_sessions(self):
        """Opens the planning assistant for this site's rhythm."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan sessions"),
            "res_model": "parcours.commission.plan",
            "view_mode": "form",
            "target": "new",
            "context": {"default_site_id": self.id},
        }

    def _commission_week_numbers(self):
        numbers = sorted({int(part) for part in (self.commission_weeks or "").split(",") if part.strip()})
        if not numbers or any(n < 1 or n > 5 for n in numbers):
            raise ValueError(self.commission_weeks)
        return numbers

    def _session_dates(self, date_from, date_to):
        """Days of the rhythm between two dates, public holidays of the organisation left out."""
        self.ensure_one()
        weekday = int(self.commission_weekday)
        weeks = self._commission_week_numbers()
        holidays = set(
            self.env["parcours.public.holiday"]
            .search(
                [
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    ("company_id", "in", [False, self.company_id.id]),
                ]
            )
            .mapped("date")
        )
        dates = []
        month = date(date_from.year, date_from.month, 1)
        while month <= date_to:
            days = [
                day
                for day in pycalendar.Calendar().itermonthdates(month.year, month.month)
                if day.month == month.month and day.weekday() == weekday
            ]
            for week in weeks:
                day = days[-1] if week == 5 else days[week - 1]
                if date_from <= day <= date_to and day not in holidays:
                    dates.append(day)
            month = (month + timedelta(days=32)).replace(day=1)
        return sorted(set(dates))

    def _plan_sessions(self, date_from, date_to, kind="technical"):
        """Creates the sessions of the period from each site's rhythm; days that already have one are kept."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        vals_list = []
        for site in self:
            vals_list += [
                {**site._prepare_commission_vals(day), "kind": kind}
                for day in site._new_session_dates(date_from, date_to)
            ]
        return self.env["parcours.commission"].create(vals_list)

    def _new_session_dates(self, date_from, date_to):
        """Days of the rhythm in the period that have no session yet."""
        self.ensure_one()
        days = self._session_dates(date_from, date_to)
        if not days:
            return []
        existing = self.env["parcours.commission"].search(
            [
                ("site_id", "=", self.id),
                ("state", "!=", "cancelled"),
                ("start", ">=", self._local_datetime(days[0], 0)),
                ("start", "<", self._local_datetime(days[-1], 24)),
            ]
        )
        taken = {commission._local_start().date() for commission in existing}
        return [day for day in days if day not in taken]

    def _local_datetime(self, day, hour):
        """UTC datetime (naive, as stored) of a local hour of the site's day."""
        tz = pytz.timezone(self.env.user.tz or self.company_id.partner_id.tz or "Europe/Paris")
        minutes = round(hour * 60)
        local = tz.localize(datetime.combine(day, time(0, 0)) + timedelta(minutes=minutes))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _prepare_commission_vals(self, day):
        self.ensure_one()
        return {
            "site_id": self.id,
            "start": self._local_datetime(day, self.commission_hour_start),
            "stop": self._local_datetime(day, self.commission_hour_end),
            "venue": self.venue,
            "pilot_id": self.pilot_id.id,
            "secretary_id": self.secretary_ids[:1].id,
            "charter": self.charter,
            "capacity": self.passages_per_session,
        }
