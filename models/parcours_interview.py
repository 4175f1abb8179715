from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

# The reception phase of the Ariège (MAPPI sheets): four interviews, and the preparatory sessions before the
# reception CSP.
INTERVIEW_KINDS = [
    ("first_reception", "First reception"),
    ("diagnosis", "Diagnosis"),
    ("co_construction", "Co-construction"),
    ("contract", "Contract"),
    ("preparatory", "Preparatory session"),
]

DECISIONS = [
    ("continue", "Continue"),
    ("think", "Take time to think"),
    ("stop", "Stop"),
]


class ParcoursInterview(models.Model):
    _name = "parcours.interview"
    _description = "Reception interview"
    _inherit = [
        "parcours.file.mixin",
        "parcours.anchor.mixin",
        "parcours.logged.mixin",
        "parcours.calendar.mixin",
    ]
    _parcours_anchor_fields = ("case_id",)
    _parcours_event_fields = ("next_start", "next_duration", "next_place", "user_id", "decision")
    _order = "date, id"

    name = fields.Char(compute="_compute_name", string="Interview")
    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(INTERVIEW_KINDS, required=True, default="first_reception")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    place = fields.Char(help="Where the person chose to meet: at home, at the service, elsewhere.")
    chosen_with_person = fields.Boolean(
        string="Date and place chosen with the person",
        default=True,
        help="The person chooses the dates and the place of the reception interviews.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Professional",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="Who leads the interview; invited with the person to the next appointment.",
    )
    person_present = fields.Boolean(string="The person attended", default=True)
    member_ids = fields.Many2many(
        "parcours.case.member",
        string="Household members present",
        domain="[('case_id', '=', case_id)]",
    )
    intervenant_ids = fields.Many2many(
        "parcours.intervenant",
        string="Professionals present",
        domain="[('case_id', '=', case_id)]",
    )
    person_words = fields.Text(
        string="In the person's words",
        help="What the person said, as they said it. Never copied into the chatter.",
    )
    decision = fields.Selection(
        DECISIONS,
        string="The person's decision",
        help="The person decides freely at the end of each interview: continue, take time to think, or stop. "
        "Stopping has no consequence on their other accompaniments.",
    )
    item_ids = fields.One2many("parcours.interview.item", "interview_id", string="Work asked for next time")
    passage_id = fields.Many2one(
        "parcours.passage",
        string="Prepares",
        index="btree_not_null",
        ondelete="set null",
        domain="[('case_id', '=', case_id)]",
        help="The commission passage this preparatory session prepares.",
    )
    next_start = fields.Datetime(string="Next appointment")
    next_duration = fields.Float(string="Duration (hours)", default=1.0)
    next_place = fields.Char(string="Place of the next appointment")

    _sql_constraints = [
        (
            "next_duration_positive",
            "CHECK(next_duration IS NULL OR next_duration > 0)",
            "An appointment lasts some time: give a duration above zero.",
        ),
    ]

    @api.depends("kind", "date")
    @api.depends_context("lang", "tz")
    def _compute_name(self):
        """The kind and the day: what the timeline shows."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for interview in self:
            local = interview.date and fields.Datetime.context_timestamp(interview, interview.date)
            interview.name = self.env._(
                "%(kind)s of %(date)s",
                kind=kinds.get(interview.kind, ""),
                date=local and format_date(self.env, local.date()) or "",
            )

    @api.constrains("case_id", "member_ids", "intervenant_ids", "passage_id")
    def _check_same_situation(self):
        for interview in self.sudo():
            others = (
                interview.member_ids.filtered(lambda m, case=interview.case_id: m.case_id != case)
                or interview.intervenant_ids.filtered(lambda i, case=interview.case_id: i.case_id != case)
                or interview.passage_id.filtered(lambda p, case=interview.case_id: p.case_id != case)
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "%(interview)s: the people present and the passage it prepares belong to its own situation.",
                        interview=interview.name,
                    )
                )

    @api.constrains("passage_id", "kind")
    def _check_passage_kind(self):
        for interview in self.filtered(lambda i: i.passage_id and i.kind != "preparatory"):
            raise ValidationError(
                self.env._(
                    "%(interview)s: only a preparatory session prepares a commission passage.",
                    interview=interview.name,
                )
            )

    @api.constrains("case_id", "user_id")
    def _check_professional_follows(self):
        """The professional meets the person as one of those who follow the situation: the appointment puts
        them together in the calendar."""
        for interview in self.sudo():
            followers = interview.case_id.intervenant_ids.filtered("is_active").user_id
            if interview.user_id not in followers:
                raise ValidationError(
                    self.env._(
                        "%(interview)s is led by one of the professionals who follow the situation.",
                        interview=interview.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        interviews = super().create(vals_list)
        interviews.filtered(lambda i: i.decision == "stop")._on_person_stops()
        return interviews

    def write(self, vals):
        stopping = self.filtered(lambda i: i.decision != "stop") if vals.get("decision") == "stop" else self.browse()
        res = super().write(vals)
        stopping._on_person_stops()
        return res

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def _on_person_stops(self):
        """The person stops the approach: noted in the situation's file, and whoever answers the person is
        asked to close it with them (reason, letter)."""
        for interview in self:
            case_sudo = interview.case_id.sudo()
            case_sudo.message_post(
                body=self.env._(
                    "At the interview %(interview)s, the person decided to stop the approach. Their other "
                    "accompaniments go on.",
                    interview=interview.name,
                ),
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
            user = case_sudo._answering_user() or self.env.user
            case_sudo.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                date_deadline=fields.Date.context_today(self),
                summary=self.env._("Close the approach with the person"),
                note=self.env._(
                    "The person decided to stop at the interview %(interview)s: close the approach with them "
                    "(reason, final review, letter).",
                    interview=interview.name,
                ),
            )

    def _event_wanted(self):
        """The next appointment is in the calendars once it has a date, unless the person stopped."""
        self.ensure_one()
        return bool(self.next_start) and self.decision != "stop"

    def _prepare_event_vals(self):
        self.ensure_one()
        start = self.next_start or self.date
        return {
            "name": self.env._("Appointment"),
            "start": start,
            "stop": start + timedelta(hours=self.next_duration or 1.0),
            "location": self.next_place,
            "description": self.env._("Reception appointment. What to bring was agreed at the previous meeting."),
            "privacy": "private",
            "show_as": "busy",
            "user_id": self.user_id.id,
            "partner_ids": [Command.set((self.user_id.partner_id | self.case_id.partner_id).ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "active": self._event_wanted(),
        }
