from odoo import api, fields, models


class ParcoursCommissionInvite(models.TransientModel):
    _name = "parcours.commission.invite"
    _description = "Send the invitations of a session"
    _inherit = ["parcours.wizard.mixin"]

    commission_id = fields.Many2one("parcours.commission", required=True, readonly=True)
    days_before = fields.Integer(compute="_compute_summary")
    notice_days = fields.Integer(related="commission_id.site_id.invitation_notice_days")
    is_late = fields.Boolean(compute="_compute_summary")
    late_reason = fields.Text(string="Reason for sending late")
    to_send_count = fields.Integer(compute="_compute_summary", string="Letters to produce")
    without_email = fields.Text(compute="_compute_summary", string="Letters to post")

    @api.depends("commission_id")
    def _compute_summary(self):
        """Tells how many letters leave, which go by post, and whether the notice is respected."""
        for wizard in self:
            commission = wizard.commission_id
            invitees = commission.passage_ids.filtered(lambda p: p.state == "scheduled").invitee_ids.filtered(
                lambda i: i.invitation_state in ("to_send", "outdated")
            )
            wizard.days_before = commission._days_before()
            wizard.is_late = commission._is_late_for_invitations() and not commission.invitation_late_reason
            wizard.to_send_count = len(invitees)
            wizard.without_email = ", ".join(invitees.filtered(lambda i: not i._can_be_emailed()).mapped("name"))

    def action_send(self):
        """Produces and sends the letters; refused when late without a reason."""
        self.ensure_one()
        self.commission_id._send_invitations(late_reason=self.late_reason)
        return {"type": "ir.actions.act_window_close"}
