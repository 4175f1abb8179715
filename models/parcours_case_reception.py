from odoo import api, fields, models
from odoo.exceptions import UserError


class ParcoursCase(models.Model):
    """The reception phase of a situation (Ariège, MAPPI sheets): its interviews and its reception commissions,
    kept apart from parcours_case.py, which holds the situation's access and life cycle."""

    _inherit = "parcours.case"

    interview_ids = fields.One2many("parcours.interview", "case_id", string="Reception interviews")
    interview_count = fields.Integer(compute="_compute_interview_count", string="Interviews")
    reception_passage_ids = fields.One2many(
        "parcours.passage",
        "case_id",
        string="Reception commissions",
        domain=[("commission_id.kind", "in", ("reception", "referent_csp"))],
    )

    @api.depends("interview_ids")
    def _compute_interview_count(self):
        """Counts the reception interviews the reader may see (the rules decide)."""
        counts = dict(
            self.env["parcours.interview"]._read_group([("case_id", "in", self.ids)], ["case_id"], ["__count"])
        )
        for case in self:
            case.interview_count = counts.get(case, 0)

    def action_view_interviews(self):
        """The reception timeline: the interviews in date order."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("referent_parcours.parcours_interview_action_case")
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_lead_csp(self):
        """Opens a new commission session of the situation's site that its référent convenes and leads."""
        self.ensure_one()
        if self.sudo().referent_user_id != self.env.user:
            raise UserError(self.env._("Only the référent of the situation convenes a CSP they lead."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Convene a CSP I lead"),
            "res_model": "parcours.commission",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_kind": "referent_csp",
                "default_site_id": self.site_id.id,
                "default_pilot_id": self.env.uid,
            },
        }

    def _retention_delete(self):
        """The interviews go with the situation (in SQL): their appointments leave the calendars first."""
        events = (
            self.env["parcours.interview"]
            .sudo()
            .with_context(active_test=False)
            .search([("case_id", "in", self.ids)])
            .event_id
        )
        events.with_context(no_mail_to_attendees=True, active_test=False).unlink()
        return super()._retention_delete()
