from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError


class ParcoursReferentHandover(models.TransientModel):
    """A manager hands over the situations of a professional who leaves, in one go.

    The manager reads no situation: each line shows the reference and the site only. The departing line ends
    today (their référent designations too: they keep reading during the handover period), the successor is
    listed and proposed, not designated: the person keeps their choice, which the successor confirms at the next
    contact (an activity tells them).
    """

    _name = "parcours.referent.handover"
    _description = "Hand over the situations of a professional who leaves"
    _inherit = ["parcours.wizard.mixin"]

    departing_user_id = fields.Many2one(
        "res.users",
        string="Professional who leaves",
        required=True,
        domain="[('share', '=', False), ('company_ids', 'in', allowed_company_ids)]",
    )
    successor_user_id = fields.Many2one(
        "res.users",
        string="Successor by default",
        domain="[('share', '=', False), ('company_ids', 'in', allowed_company_ids)]",
    )
    line_ids = fields.One2many("parcours.referent.handover.line", "wizard_id", string="Situations")

    @api.onchange("departing_user_id", "successor_user_id")
    def _onchange_departing_user_id(self):
        """Lists the departing professional's active lines in the manager's organisations: reference and site."""
        self._check_manager()
        lines = self._departing_lines()
        self.line_ids = [Command.clear()] + [
            Command.create(
                {
                    "intervenant_key": line.id,
                    "case_reference": line.case_id.name,
                    "site_name": line.case_id.site_id.name,
                    "was_referent": line.is_referent,
                    "successor_user_id": self.successor_user_id.id,
                }
            )
            for line in lines
        ]

    def _check_manager(self):
        if self.env.su:
            return
        if not self.env.user.has_group("referent_parcours.group_parcours_manager"):
            raise AccessError(self.env._("Only a manager hands over the situations of a professional who leaves."))
        if self.departing_user_id and not (self.departing_user_id.company_ids & self.env.user.company_ids):
            raise AccessError(self.env._("This professional does not work for one of your organisations."))

    def _departing_lines(self):
        """The departing professional's active lines, in situations kept by the manager's organisations."""
        if not self.departing_user_id:
            return self.env["parcours.intervenant"]
        return (
            self.env["parcours.intervenant"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.departing_user_id.id),
                    ("is_active", "=", True),
                    ("case_id.company_id", "in", self.env.user.company_ids.ids),
                    ("case_id.state", "in", ("proposed", "accepted", "active")),
                ]
            )
        )

    def action_handover(self):
        """Ends the departing lines today and proposes each successor, who confirms with the person."""
        self.ensure_one()
        self._check_manager()
        allowed = self._departing_lines()
        lines = self.line_ids.filtered("successor_user_id")
        if not lines:
            raise UserError(self.env._("Choose a successor for at least one situation."))
        departing = allowed.browse([line.intervenant_key for line in lines])
        if departing - allowed:
            raise AccessError(
                self.env._("Some lines are not among the situations of this professional in your organisation.")
            )
        for line in lines:
            successor = line.successor_user_id
            if (
                successor == self.departing_user_id
                # Nobody hands a situation over to themselves: a manager reads one only through an exceptional
                # access.
                or successor == self.env.user
                or not successor._is_internal()
                or not successor.has_group("referent_parcours.group_parcours_user")
                or not (successor.company_ids & self.env.user.company_ids)
            ):
                raise UserError(
                    self.env._(
                        "%(name)s cannot take over: choose a professional of your organisation who uses the "
                        "référent de parcours approach.",
                        name=successor.name,
                    )
                )
        for line in lines:
            line_sudo = allowed.browse(line.intervenant_key)
            line_sudo.case_id._hand_over_line(line_sudo, line.successor_user_id)
        return {"type": "ir.actions.act_window_close"}
