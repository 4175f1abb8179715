from odoo import api, fields, models
from odoo.exceptions import UserError


class ParcoursReferentDesignate(models.TransientModel):
    _name = "parcours.referent.designate"
    _description = "Designate the référent de parcours"
    _inherit = ["parcours.wizard.mixin"]

    case_id = fields.Many2one("parcours.case", required=True, readonly=True)
    current_referent_id = fields.Many2one(related="case_id.referent_intervenant_id", string="Current référent")
    intervenant_id = fields.Many2one(
        "parcours.intervenant",
        string="New référent",
        domain="[('case_id', '=', case_id), ('is_active', '=', True), ('id', '!=', current_referent_id)]",
    )
    person_choice = fields.Selection(
        selection=lambda self: [
            *self.env["parcours.referent"]._fields["person_choice"].selection,
            ("declined", "The person does not want a référent"),
        ],
        string="Person's choice",
        required=True,
        default="chosen",
    )
    agreement = fields.Selection(
        selection=lambda self: self.env["parcours.referent"]._fields["agreement"].selection,
        string="The person's agreement",
    )
    declined_method = fields.Selection(
        selection=lambda self: self.env["parcours.case"]._fields["referent_declined_method"].selection,
        string="How the person declined",
        default="interview",
    )
    declined_note = fields.Text(string="In the person's words")
    date_planned_end = fields.Date(
        string="Planned end of the mission", help="The mission of a référent runs for a given time."
    )
    date_review = fields.Date(string="Review with the person on")
    date_accepted = fields.Date(
        string="Accepted by the professional on", required=True, default=fields.Date.context_today
    )
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    designated_in_commission = fields.Boolean(string="Designated in commission")
    end_reason = fields.Selection(
        selection=lambda self: self.env["parcours.referent"]._fields["end_reason"].selection,
        string="Why the current designation ends",
    )
    end_note = fields.Char(string="Details")

    @api.onchange("intervenant_id")
    def _onchange_intervenant_id(self):
        if self.current_referent_id and not self.end_reason:
            self.end_reason = "mission_ended" if self.current_referent_id.date_end else "person_choice"

    def _prepare_designation_vals(self):
        return {
            "case_id": self.case_id.id,
            "intervenant_id": self.intervenant_id.id,
            "person_choice": self.person_choice,
            "date_accepted": self.date_accepted,
            "date_start": self.date_start,
            "designated_in_commission": self.designated_in_commission,
            "agreement": self.agreement,
            "date_planned_end": self.date_planned_end,
            "date_review": self.date_review,
        }

    def action_designate(self):
        """Ends the current designation and starts the new one, in one step."""
        self.ensure_one()
        # Checked once, as who starts the hand-over: ending the current designation first would otherwise
        # leave the outgoing référent without the right to name the successor.
        self.case_id._check_grant()
        current = self.case_id.referent_designation_ids.filtered(lambda d: not d.date_end)
        if current:
            if not self.end_reason:
                raise UserError(self.env._("Say why the current référent's designation ends."))
            if self.date_start < current.date_start:
                raise UserError(self.env._("The new designation cannot start before the current one."))
            current.sudo().write(
                {"date_end": self.date_start, "end_reason": self.end_reason, "end_note": self.end_note}
            )
        if self.person_choice == "declined":
            # No référent, by the person's choice: recorded instead of a designation.
            self.case_id._record_referent_declined(self.date_start, self.declined_method, self.declined_note)
            return {"type": "ir.actions.act_window_close"}
        if not self.intervenant_id:
            raise UserError(self.env._("Choose the référent among the professionals who follow the person."))
        designation = self.env["parcours.referent"].sudo().create(self._prepare_designation_vals()).sudo(False)
        # Logged by the system in the name of who designated (an administrator handing over may not post).
        self.case_id.sudo().message_post(
            body=self.env._(
                "%(name)s is the référent de parcours from %(date)s.",
                name=designation.partner_id.name,
                date=designation.date_start,
            ),
            subtype_xmlid="mail.mt_note",
            author_id=self.env.user.partner_id.id,
        )
        self.case_id.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("referent_parcours.mail_activity_type_referent_succession")
        ).action_feedback(feedback=self.env._("Successor designated."))
        return {"type": "ir.actions.act_window_close"}
