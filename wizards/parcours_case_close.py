from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.parcours_case import CLOSE_DECIDED, CLOSE_REASONS


class ParcoursCaseClose(models.TransientModel):
    """The end of the approach, never silent: why, decided with whom, a last look at each goal, who takes over,
    and a letter to the person."""

    _name = "parcours.case.close"
    _description = "End the accompaniment"
    _inherit = ["parcours.wizard.mixin"]

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, readonly=True)
    reason = fields.Selection(CLOSE_REASONS, string="Why it ends", required=True)
    decided = fields.Selection(CLOSE_DECIDED, required=True, default="person")
    passage_id = fields.Many2one(
        "parcours.passage",
        string="Commission passage",
        domain="[('case_id', '=', case_id), ('state', 'in', ('scheduled', 'held'))]",
    )
    comment = fields.Text(string="What was said", help="In the person's words where they are theirs.")
    is_handover = fields.Boolean(compute="_compute_is_handover")
    handover_structure = fields.Char(string="Taken over by", help="The structure or the scheme that takes over.")
    handover_contact = fields.Char(string="Contact there", help="Name, phone or e-mail, as the person may use it.")
    handover_date = fields.Date(string="Taken over on")
    projet_id = fields.Many2one("parcours.projet", string="Plan in force", readonly=True)
    line_ids = fields.One2many("parcours.case.close.line", "wizard_id", string="Last review of the goals")

    @api.depends("reason")
    def _compute_is_handover(self):
        """Another scheme takes over: who, and from when, is recorded."""
        for wizard in self:
            wizard.is_handover = bool(wizard.reason and wizard.reason.startswith("handover_"))

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        case = self.env["parcours.case"].browse(values.get("case_id"))
        if case and "line_ids" in fields_list:
            projet = case._projet_in_force()
            values["projet_id"] = projet.id
            goals = self.env["parcours.objective"]._search_for_reader([("projet_id", "=", projet.id)]) if projet else []
            values["line_ids"] = [
                Command.create({"objective_id": goal.id, "outcome": goal.status, "comment": goal.status_note})
                for goal in goals
            ]
        return values

    @api.model
    def _close_with(self, vals):
        """Runs the assistant on a situation with these answers (the goals keep their current standing)."""
        wizard = self.with_context(default_case_id=vals["case_id"]).create(vals)
        return wizard.action_close()

    def action_close(self):
        """Records the final review, closes the situation with its reason, hands over, files the letter."""
        self.ensure_one()
        case = self.case_id
        case._check_grant()
        if self.is_handover and not (self.handover_structure or "").strip():
            raise UserError(self.env._("Say which structure or scheme takes over: it is written in the letter."))
        if self.decided == "commission" and not self.passage_id:
            raise UserError(self.env._("Choose the commission passage where the end was decided."))
        if self.passage_id and self.passage_id.case_id != case:
            raise UserError(self.env._("The passage chosen is not one of this situation."))
        # The plan in force is read again here, whatever the screen sent.
        projet = case._projet_in_force()
        goals = self.line_ids.objective_id
        if goals and (not projet or goals.projet_id != projet):
            raise UserError(self.env._("The goals reviewed must be those of this situation's plan in force."))
        for line in self.line_ids:
            line.objective_id.write({"status": line.outcome, "status_note": line.comment, "to_review": False})
        case._close(self._prepare_close_vals(projet))
        case._file_closing_letter()
        return {"type": "ir.actions.act_window_close"}

    def _prepare_close_vals(self, projet):
        self.ensure_one()
        handover = self.is_handover
        return {
            "close_reason_code": self.reason,
            "close_decided": self.decided,
            "close_passage_id": self.passage_id.id if self.decided == "commission" else False,
            "close_projet_id": projet.id,
            "close_reason": self.comment or False,
            "handover_structure": self.handover_structure if handover else False,
            "handover_contact": self.handover_contact if handover else False,
            "handover_date": (self.handover_date or fields.Date.context_today(self)) if handover else False,
        }
