from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class ParcoursPassage(models.Model):
    _name = "parcours.passage"
    _description = "Passage of a situation in a commission"
    _inherit = [
        "parcours.file.mixin",
        "parcours.anchor.mixin",
        "parcours.access.mixin",
        "parcours.logged.mixin",
        "parcours.calendar.mixin",
    ]
    _parcours_anchor_fields = ("case_id",)
    # The pilot's decision when the family is absent is recorded by the assistant that asks its reason: the family's
    # signature line of the decision record relies on it.
    _parcours_system_fields = ("state", "absence_decision", "absence_reason")
    _parcours_event_fields = ("commission_id", "start", "stop", "sequence", "state")
    _order = "start, sequence, id"

    name = fields.Char(compute="_compute_name", string="Passage")
    commission_id = fields.Many2one(
        "parcours.commission",
        string="Session",
        index=True,
        ondelete="restrict",
        domain="[('site_id', '=', site_id), ('state', 'in', ('planned', 'invited'))]",
    )
    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    case_label = fields.Char(
        compute="_compute_case_label",
        store=True,
        compute_sudo=True,
        string="Person or household",
        help="Who is examined: what the secretariat needs to schedule the passage, nothing more.",
    )
    refused_domain_ids = fields.Many2many(
        "parcours.life.domain",
        compute="_compute_refused_domain_ids",
        compute_sudo=True,
        string="Subjects not to raise",
        help="The life domains the person refuses to share: the pilot makes sure they are not discussed. "
        "Only the domains are shown, never what was written about them.",
    )
    has_refused_subjects = fields.Boolean(
        string="Refuses some subjects",
        compute="_compute_has_refused_subjects",
        store=True,
        help="The person refuses to share at least one subject: read with the passage, so that an agenda reads the "
        "domains only of the passages that have some.",
    )
    site_id = fields.Many2one(
        "parcours.site", compute="_compute_site_id", store=True, compute_sudo=True, index=True, string="Site"
    )
    company_id = fields.Many2one(related="site_id.company_id", store=True, string="Organisation")
    sequence = fields.Integer(string="Number", default=0, readonly=True)
    start = fields.Datetime()
    stop = fields.Datetime(string="End")
    state = fields.Selection(
        [
            ("requested", "To schedule"),
            ("scheduled", "Scheduled"),
            ("held", "Held"),
            ("postponed", "Postponed"),
            ("cancelled", "Cancelled"),
        ],
        default="requested",
        required=True,
        index=True,
        readonly=True,
    )
    purpose = fields.Text(
        default=lambda self: self._default_purpose(),
        help="Why the commission meets about this situation, in words the family understands: it is printed "
        "in the invitation letter.",
    )
    requested_by_id = fields.Many2one(
        "res.users", string="Requested by", default=lambda self: self.env.user, readonly=True
    )
    invitee_ids = fields.One2many("parcours.passage.invitee", "passage_id", string="Invitees")
    family_attendance = fields.Selection(
        [("unknown", "Not recorded"), ("present", "Present"), ("excused", "Excused"), ("absent", "Absent")],
        compute="_compute_family_attendance",
        string="The person or family",
    )
    absence_decision = fields.Selection(
        [("hold", "Held without the family"), ("postpone", "Postponed")],
        string="Decision when the family is absent",
        readonly=True,
    )
    absence_reason = fields.Text(string="Reason of the decision", readonly=True)
    postponed_to_id = fields.Many2one(
        "parcours.passage", string="Postponed to", readonly=True, copy=False, index="btree_not_null"
    )
    postponed_from_id = fields.Many2one(
        "parcours.passage", string="Postponed from", readonly=True, copy=False, index="btree_not_null"
    )
    next_commission_date = fields.Date(
        string="Next commission",
        help="Date of the next commission for this situation, decided with the family.",
    )
    next_passage_id = fields.Many2one(
        "parcours.passage", string="Next passage", readonly=True, copy=False, index="btree_not_null"
    )
    releve_ids = fields.One2many("parcours.releve", "passage_id", string="Decision records")
    access_staff = fields.Boolean(
        string="I prepare or run it",
        compute="_compute_access_staff",
        search="_search_access_staff",
        compute_sudo=True,
        help="The current user prepares or runs the session of this passage (while its window is open), or, "
        "while it is still to schedule, is the pilot or a secretary of its site.",
    )
    access_invitee = fields.Boolean(
        string="I am invited",
        compute="_compute_access_invitee",
        search="_search_access_invitee",
        compute_sudo=True,
        help="The current user is invited to this passage, until the delay after the session is closed.",
    )
    invitation_state = fields.Selection(
        [("none", "Not sent"), ("partial", "Partly sent"), ("sent", "Sent"), ("failed", "Not delivered")],
        compute="_compute_invitation_state",
        search="_search_invitation_state",
        string="Invitations",
    )

    @api.depends(
        "state",
        "site_id.secretary_ids",
        "site_id.pilot_id",
        "commission_id.pilot_id",
        "commission_id.secretary_id",
        "commission_id.state",
        "commission_id.access_end_date",
    )
    @api.depends_context("uid")
    def _compute_access_staff(self):
        """Whether the current user prepares or runs this passage's session, or schedules the request."""
        self._compute_access_condition("access_staff")

    @api.depends("invitee_ids.partner_id", "commission_id.state", "commission_id.access_end_date")
    @api.depends_context("uid")
    def _compute_access_invitee(self):
        """Whether the current user is invited to this passage, while the session's window is open."""
        self._compute_access_condition("access_invitee")

    def _parcours_file_domain(self):
        """Letters and calendar files: the professionals who follow the situation, the pilot and the
        secretariat; an invitee receives their own letter, not the others'."""
        return ["|", ("case_id.access_involved", "=", True), ("access_staff", "=", True)]

    def _search_access_staff(self, operator, value):
        uid = self.env.uid
        domain = [
            "|",
            ("commission_id.access_staff", "=", True),
            "&",
            ("state", "=", "requested"),
            "|",
            ("site_id.secretary_ids", "in", uid),
            ("site_id.pilot_id", "=", uid),
        ]
        return self._access_condition_domain(operator, value, domain)

    def _search_access_invitee(self, operator, value):
        domain = [
            ("invitee_ids.partner_id", "=", self.env.user.partner_id.id),
            ("commission_id.access_open", "=", True),
        ]
        return self._access_condition_domain(operator, value, domain)

    @api.depends("commission_id.name", "sequence", "site_id.name")
    @api.depends_context("lang", "tz")
    def _compute_name(self):
        """Neutral title used in calendars and e-mails: the session and the passage number only."""
        for passage in self:
            if passage.commission_id:
                passage.name = self.env._(
                    "%(session)s — passage %(number)s",
                    session=passage.commission_id.name,
                    number=passage.sequence or "?",
                )
            else:
                passage.name = self.env._(
                    "Request for a commission of %(site)s", site=passage.site_id.sudo().name or ""
                )

    @api.depends("case_id.partner_id.name", "case_id.name")
    def _compute_case_label(self):
        """Identity only: the household's name and the situation's reference."""
        for passage in self:
            passage.case_label = f"{passage.case_id.partner_id.name} ({passage.case_id.name})"

    @api.depends("has_refused_subjects", "case_id.refused_subject_ids.domain_id", "case_id.refused_subject_ids.active")
    def _compute_refused_domain_ids(self):
        """The domains of the person's refusals in force, for whoever reads the passage."""
        for passage in self:
            refused = passage.has_refused_subjects and passage.case_id.refused_subject_ids
            passage.refused_domain_ids = refused.domain_id if refused else False

    @api.depends("case_id.refused_subject_ids", "case_id.refused_subject_ids.active")
    def _compute_has_refused_subjects(self):
        """Whether the person refuses to share at least one subject today."""
        for passage in self:
            passage.has_refused_subjects = bool(passage.case_id.refused_subject_ids)

    @api.depends("commission_id.site_id", "case_id.site_id")
    def _compute_site_id(self):
        """The session's site once scheduled, the situation's site before."""
        for passage in self:
            passage.site_id = passage.commission_id.site_id or passage.case_id.site_id

    @api.depends("invitee_ids.attendance", "invitee_ids.role")
    def _compute_family_attendance(self):
        """Present when someone of the family came, otherwise the most telling status recorded."""
        for passage in self:
            family = passage.invitee_ids.filtered(lambda i: i.role == "person")
            statuses = set(family.mapped("attendance"))
            for status in ("present", "excused", "absent"):
                if status in statuses:
                    passage.family_attendance = status
                    break
            else:
                passage.family_attendance = "unknown"

    @api.depends("invitee_ids.invitation_state")
    def _compute_invitation_state(self):
        """Summarises the invitees' letters: a single failure shows."""
        for passage in self:
            states = set(passage.invitee_ids.mapped("invitation_state"))
            if "failed" in states:
                passage.invitation_state = "failed"
            elif not states or states <= {"to_send"}:
                passage.invitation_state = "none"
            elif states & {"to_send", "outdated"}:
                passage.invitation_state = "partial"
            else:
                passage.invitation_state = "sent"

    def _search_invitation_state(self, operator, value):
        """Finds passages with an undelivered invitation; e-mails are read as the system, passages by the rules."""
        if operator != "=" or value != "failed":
            raise UserError(self.env._("Invitations can only be searched for those not delivered."))
        invitees = self.env["parcours.passage.invitee"].sudo().search([("mail_id.state", "=", "exception")])
        return [("id", "in", invitees.passage_id.ids)]

    @api.constrains("start", "stop", "commission_id")
    def _check_slot(self):
        for passage in self.filtered(lambda p: p.commission_id and p.start and p.stop):
            commission = passage.commission_id
            if passage.stop <= passage.start:
                raise ValidationError(self.env._("%(passage)s must end after it starts.", passage=passage.name))
            if passage.start < commission.start or passage.stop > commission.stop:
                raise ValidationError(
                    self.env._(
                        "%(passage)s must take place within its session, from %(start)s to %(end)s.",
                        passage=passage.name,
                        start=commission._format_time(commission.start),
                        end=commission._format_time(commission.stop),
                    )
                )

    @api.constrains("start", "stop", "commission_id", "state")
    def _check_overlap(self):
        active_states = ("scheduled", "held")
        for passage in self.filtered(lambda p: p.commission_id and p.start and p.state in active_states):
            others = (passage.commission_id.sudo().passage_ids - passage).filtered(
                lambda o, start=passage.start, stop=passage.stop: o.start
                and o.state in active_states
                and o.start < stop
                and start < o.stop
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "%(passage)s overlaps %(others)s: move one of them, passages follow each other.",
                        passage=passage.name,
                        others=", ".join(others.mapped("name")),
                    )
                )

    @api.constrains("commission_id")
    def _check_referent_led_session(self):
        """A CSP led by the référent takes only the situations its référent-pilot is the référent of."""
        self.commission_id._check_referent_led()

    @api.constrains("commission_id", "case_id", "state")
    def _check_commission_consent(self):
        for passage in self.filtered(lambda p: p.commission_id and p.state == "scheduled"):
            if not passage.case_id._has_commission_consent():
                raise ValidationError(
                    self.env._(
                        "%(case)s cannot be examined in commission: record the person's consent to be discussed in "
                        "commission (or, in child protection, the parents' information) first.",
                        case=passage.case_label,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        self._check_client_system_vals(vals_list)
        if not self.env.su:
            self._check_may_request(vals_list)
        for vals in vals_list:
            if vals.get("commission_id"):
                vals.setdefault("state", "scheduled")
        with self._event_batch():
            passages = super().create(vals_list)
            self.env["parcours.passage.invitee"].create(
                [
                    {**vals, "passage_id": passage.id}
                    for passage in passages.filtered(lambda p: not p.invitee_ids)
                    for vals in passage._prepare_default_invitee_vals()
                ]
            )
            passages.filtered("commission_id")._schedule()
        return passages

    def _check_may_request(self, vals_list):
        """A passage puts a situation before a commission: asked by a professional who follows it, in a
        session they may see. The pilot and the secretariat move passages, they do not bring situations."""
        cases = self.env["parcours.case"].browse({vals.get("case_id") for vals in vals_list})
        if cases.filtered(lambda case: not case.access_involved):
            raise AccessError(
                self.env._("A passage in commission is requested by a professional who follows the situation.")
            )
        sessions = self.env["parcours.commission"].browse(
            {vals["commission_id"] for vals in vals_list if vals.get("commission_id")}
        )
        if sessions and not sessions.has_access("read"):
            raise AccessError(self.env._("Choose one of the sessions you may see."))

    def write(self, vals):
        entering = self.browse()
        if vals.get("commission_id"):
            entering = self.filtered(lambda p: p.commission_id.id != vals["commission_id"])
            if entering.filtered(lambda p: p.state not in ("requested", "scheduled")):
                raise UserError(self.env._("Only a passage still to be held can move to another session."))
            if not self.env.su and not self.env["parcours.commission"].browse(vals["commission_id"]).has_access("read"):
                raise AccessError(self.env._("Choose one of the sessions you may see."))
            vals = dict(vals)
            if "start" not in vals:
                vals.update(start=False, stop=False)
        elif "commission_id" in vals and self.filtered("commission_id"):
            raise UserError(
                self.env._(
                    "A passage leaves its session by being postponed or cancelled, which tells the invitees: "
                    "it cannot just be taken off."
                )
            )
        with self._event_batch():
            res = super().write(vals)
            if entering:
                # Entering a session schedules the passage: a state the system sets, not the client.
                entering._write_system({"state": "scheduled"})
                entering._schedule()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        if self.filtered(lambda p: p.state in ("held", "postponed")):
            raise UserError(self.env._("A passage that was held or postponed stays in the situation's history."))

    def action_open_case(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "parcours.case",
            "res_id": self.case_id.id,
            "view_mode": "form",
        }

    def action_open_releve(self):
        """Opens the passage's decision record, prepared from the situation the first time."""
        self.ensure_one()
        if self.state not in ("scheduled", "held"):
            raise UserError(self.env._("A decision record is written for a passage that takes place."))
        releve = self.releve_ids.filtered(lambda r: r.state != "amended").sorted("id")[-1:]
        if not releve:
            releve = self.env["parcours.releve"].create({"passage_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "parcours.releve",
            "res_id": releve.id,
            "view_mode": "form",
        }

    def action_postpone(self):
        """Opens the postponement assistant, which proposes the next session with room."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Postpone the passage"),
            "res_model": "parcours.passage.postpone",
            "view_mode": "form",
            "target": "new",
            "context": {"default_passage_id": self.id},
        }

    def action_hold_without_family(self):
        """Opens the same assistant to record that the passage is held without the family."""
        action = self.action_postpone()
        action["name"] = self.env._("Hold the passage without the family")
        action["context"] = {**action["context"], "default_decision": "hold"}
        return action

    def action_plan_next_passage(self):
        """Schedules the next commission on the date decided: in the session of that day, or a new one."""
        self.ensure_one()
        if not self.next_commission_date:
            raise UserError(self.env._("Set the date of the next commission first."))
        if self.next_passage_id and self.next_passage_id.state in ("requested", "scheduled"):
            raise UserError(
                self.env._("The next passage is already planned: %(name)s.", name=self.next_passage_id.name)
            )
        self.check_access("write")
        session = self._find_session_on(self.next_commission_date)
        # The follow-up of a passage the user runs: created by the system for the same situation.
        passage = self.sudo().create(self._prepare_follow_up_vals(session)).sudo(False)
        self.next_passage_id = passage
        return {
            "type": "ir.actions.act_window",
            "res_model": "parcours.passage",
            "res_id": passage.id,
            "view_mode": "form",
        }

    def _default_purpose(self):
        return self.env._(
            "Meet together, with you, to take stock of your situation, agree on objectives and on who does what."
        )

    def _prepare_default_invitee_vals(self):
        """The person, the professionals who follow them today (the référent first), and the pilot."""
        self.ensure_one()
        case_sudo = self.case_id.sudo()
        vals_list = [{"partner_id": case_sudo.partner_id.id, "role": "person"}]
        for intervenant in case_sudo.intervenant_ids.filtered("is_active"):
            vals_list.append(
                {
                    "partner_id": intervenant.partner_id.id,
                    "intervenant_id": intervenant.id,
                    "role": "referent" if intervenant.is_referent else "intervenant",
                }
            )
        pilot = self.commission_id.pilot_id.partner_id
        if pilot and pilot.id not in {v["partner_id"] for v in vals_list}:
            vals_list.append({"partner_id": pilot.id, "role": "pilot"})
        return vals_list

    def _prepare_follow_up_vals(self, session):
        self.ensure_one()
        return {
            "case_id": self.case_id.id,
            "commission_id": session.id,
            "purpose": self.env._("Take stock of the objectives set together at the previous commission."),
            "invitee_ids": [
                Command.create({"partner_id": i.partner_id.id, "intervenant_id": i.intervenant_id.id, "role": i.role})
                for i in self.invitee_ids
                # The session's own pilot is invited when the passage is scheduled.
                if i.role != "pilot" and (not i.intervenant_id or i.intervenant_id.sudo().is_active)
            ],
        }

    def _find_session_on(self, day):
        """The site's session on that day with room left, or a new session at the site's usual hours."""
        site = self.site_id.sudo()
        begin = site._local_datetime(day, 0)
        sessions = (
            self.env["parcours.commission"]
            .sudo()
            .search(
                [
                    ("site_id", "=", site.id),
                    ("state", "in", ("planned", "invited")),
                    ("start", ">=", begin),
                    ("start", "<", begin + timedelta(days=1)),
                ]
            )
        )
        session = sessions.filtered(lambda s: s.passage_count < s.capacity)[:1]
        if not session:
            if day < fields.Date.context_today(self):
                raise UserError(self.env._("The next commission cannot be planned in the past."))
            session = (
                self.env["parcours.commission"]
                .sudo()
                .create({**site._prepare_commission_vals(day), "kind": "follow_up"})
            )
        return session.with_env(self.env)

    def _schedule(self):
        """Checks the consent, gives each passage its slot and puts it in the invitees' calendars."""
        self._check_commission_consent()
        for commission, passages in self.grouped("commission_id").items():
            if commission.state not in ("planned", "invited"):
                raise UserError(
                    self.env._("Situations can only be added to a planned session (%(name)s).", name=commission.name)
                )
            passages._sync_pilot_invitee()
            # Slots depend on the other passages, which the user may not see; numbers follow when the
            # events are written.
            commission.sudo()._assign_slots(passages.sudo())

    def _sync_pilot_invitee(self):
        """The pilot of the passage's session is invited as its pilot; a former session's pilot is not."""
        for commission, passages in self.grouped("commission_id").items():
            pilot = commission.pilot_id.partner_id
            passages.invitee_ids.filtered(
                lambda i, pilot=pilot: i.role == "pilot" and i.partner_id != pilot
            ).sudo().unlink()
            if pilot:
                self.env["parcours.passage.invitee"].create(
                    [
                        {"passage_id": passage.id, "partner_id": pilot.id, "role": "pilot"}
                        for passage in passages
                        if pilot not in passage.invitee_ids.partner_id
                    ]
                )

    def _renumber(self):
        """Numbers the passages of each session in time order (the renumbered ones are marked for the calendar)."""
        for commission in self.commission_id:
            ordered = commission.passage_ids.filtered(lambda p: p.state in ("scheduled", "held") and p.start).sorted(
                "start"
            )
            for number, passage in enumerate(ordered, start=1):
                if passage.sequence != number:
                    passage._write_system({"sequence": number})

    def _prepare_event_vals(self):
        self.ensure_one()
        commission = self.commission_id
        return {
            "name": self.name,
            "start": self.start,
            "stop": self.stop,
            "location": commission.venue,
            "description": self.env._(
                "Commission passage. The invitation letter says who is invited and why; keep it to yourself."
            ),
            "privacy": "private",
            "show_as": "busy",
            "user_id": (commission.secretary_id or commission.pilot_id or self.env.user).id,
            "partner_ids": [Command.set(self.invitee_ids.partner_id.ids)],
            "alarm_ids": [Command.set(commission.site_id.alarm_ids.ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "active": self.state in ("scheduled", "held"),
        }

    def _event_wanted(self):
        """A passage shows in the calendar once it has its slot in a session."""
        self.ensure_one()
        return bool(self.commission_id and self.start)

    def _sync_events(self):
        """Numbers follow the times: the sessions are renumbered before their passages' events are written."""
        self._renumber()
        return super()._sync_events()

    def _log_invitations(self, invitees, emailed, letters):
        """Notes on the situation who was invited how, with the letters attached."""
        self.ensure_one()
        self.case_id.sudo().message_post(
            body=self.env._(
                "Invitations to %(passage)s: by e-mail to %(emailed)s; letter to post to %(posted)s.",
                passage=self.name,
                emailed=", ".join(emailed.mapped("name")) or "-",
                posted=", ".join((invitees - emailed).mapped("name")) or "-",
            ),
            attachment_ids=letters.ids,
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )

    def _postpone(self, target, reason, decision="postpone"):
        """Records the pilot's choice; postponing moves the passage, with its invitees, to the target session."""
        self.ensure_one()
        if self.state != "scheduled" and not (self.state == "held" and decision == "hold"):
            raise UserError(self.env._("Only a scheduled passage can be postponed (%(name)s).", name=self.name))
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the decision: it is kept in the situation's history."))
        if decision == "hold":
            if self.family_attendance not in ("absent", "excused"):
                raise UserError(
                    self.env._(
                        "%(name)s is held without the family only once their absence is recorded: mark them absent or "
                        "excused first.",
                        name=self.name,
                    )
                )
            self.check_access("write")
            self._write_system({"absence_decision": "hold", "absence_reason": reason})
            return self.browse()
        vals = (
            self._prepare_follow_up_vals(target)
            if target
            else {
                "case_id": self.case_id.id,
                "invitee_ids": self._prepare_follow_up_vals(self.commission_id)["invitee_ids"],
            }
        )
        vals.update(purpose=self.purpose, postponed_from_id=self.id)
        self.check_access("write")
        # The same situation moves to another session: created by the system for who runs this passage.
        new = self.sudo().create(vals).sudo(False)
        self._write_system(
            {"state": "postponed", "absence_decision": "postpone", "absence_reason": reason, "postponed_to_id": new.id}
        )
        self.case_id.sudo().message_post(
            body=self.env._(
                "%(passage)s is postponed to %(target)s. Reason: %(reason)s",
                passage=self.name,
                target=new.name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )
        return new
