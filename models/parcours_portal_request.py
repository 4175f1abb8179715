from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ParcoursPortalRequest(models.Model):
    _name = "parcours.portal.request"
    _description = "Request of the person about their accompaniment list"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "parcours.file.mixin",
        "parcours.anchor.mixin",
        "parcours.logged.mixin",
    ]
    _parcours_anchor_fields = ("case_id", "space_id", "partner_id")
    _parcours_system_fields = ("state", "handled_by_id", "date_handled")
    _order = "create_date desc, id desc"
    _rec_name = "request_type"

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, string="Organisation")
    space_id = fields.Many2one("parcours.person.space", string="Personal space", readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Asked by", required=True, readonly=True, index=True)
    request_type = fields.Selection(
        [("add", "Add a professional who follows me"), ("stop", "This professional no longer follows me")],
        string="Request",
        required=True,
        readonly=True,
    )
    intervenant_id = fields.Many2one(
        "parcours.intervenant", string="Professional concerned", readonly=True, index="btree_not_null"
    )
    professional_name = fields.Char(string="Professional named by the person", readonly=True)
    service = fields.Char(string="Service or structure", readonly=True)
    message = fields.Text(string="In the person's words", readonly=True)
    state = fields.Selection(
        [("new", "To handle"), ("done", "Done"), ("declined", "Not done")],
        default="new",
        required=True,
        index=True,
    )
    answer = fields.Text(string="Answer to the person", help="The person reads this answer in their space.")
    handled_by_id = fields.Many2one("res.users", string="Handled by", readonly=True)
    date_handled = fields.Date(string="Handled on", readonly=True)

    @api.constrains("request_type", "intervenant_id", "professional_name")
    def _check_subject(self):
        for request in self:
            if request.request_type == "add" and not (request.professional_name or "").strip():
                raise ValidationError(self.env._("Write the name of the professional, or of their service."))
            if request.request_type == "stop" and request.intervenant_id.case_id != request.case_id:
                raise ValidationError(self.env._("Choose one of the professionals of your list."))

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        for request in requests:
            request._notify_referent()
        return requests

    def action_done(self):
        """The référent changed the list (or checked it needs no change)."""
        self._handle("done")

    def action_decline(self):
        """The référent did not change the list: the answer tells the person why."""
        if any(not (request.answer or "").strip() for request in self):
            raise UserError(self.env._("Write the answer to the person before closing the request without change."))
        self._handle("declined")

    def _handle(self, state):
        if self.filtered(lambda r: r.state != "new"):
            raise UserError(self.env._("This request was already handled."))
        self.check_access("write")
        self._write_system(
            {"state": state, "handled_by_id": self.env.user.id, "date_handled": fields.Date.context_today(self)}
        )
        self.activity_feedback(["referent_parcours.mail_activity_type_portal_request"])
        for request in self.filtered(lambda r: r.space_id.sudo().state == "active"):
            request.space_id.sudo().message_post(
                body=self.env._(
                    "Your request about your list of professionals is answered: %(answer)s",
                    answer=request.answer or self.env._("done."),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.env.user.partner_id.id,
            )

    def _notify_referent(self):
        """A 'handle the request' activity for the référent (the proposer while none is designated)."""
        user = self.case_id._answering_user()
        if not user:
            return
        self.sudo().activity_schedule(
            "referent_parcours.mail_activity_type_portal_request",
            user_id=user.id,
            summary=self.env._("Request of %(name)s about the accompaniment list", name=self.partner_id.name),
        )
