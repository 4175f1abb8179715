from odoo import fields, models
from odoo.exceptions import UserError

from ..models.parcours_exceptional_access import REASONS


class ParcoursExceptionalAccessRequest(models.TransientModel):
    """A manager asks to read one situation: they name it (its reference, or the household's exact name),
    since they see no situation by name otherwise."""

    _name = "parcours.exceptional.access.request"
    _description = "Ask for an exceptional access"
    _inherit = ["parcours.wizard.mixin"]

    situation = fields.Char(
        required=True,
        help="Its reference (RP/2026/0001), or the exact name of the person or household.",
    )
    reason = fields.Selection(REASONS, required=True)
    reason_detail = fields.Text(string="Details", required=True)
    date_end = fields.Datetime(
        string="Until", required=True, default=lambda self: self.env["parcours.exceptional.access"]._default_date_end()
    )

    def _find_case(self):
        """One situation of the user's organisations, found as the system; nothing is said of others.

        Everything else is checked first, so that the search is never an oracle on names: the answer is either
        "no single situation" or an access that is logged and announced.
        """
        self.env["parcours.exceptional.access"]._check_request(self.reason_detail, fields.Datetime.now(), self.date_end)
        term = (self.situation or "").strip()
        exact = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        Case = self.env["parcours.case"].sudo().with_context(active_test=False)
        company = [("company_id", "in", self.env.user.company_ids.ids)]
        cases = Case.search([("name", "=", term)] + company) or Case.search(
            [("partner_id.name", "=ilike", exact)] + company
        )
        if len(cases) != 1:
            raise UserError(
                self.env._(
                    "No single situation of your organisation answers to this: give its exact reference "
                    "(RP/2026/0001), found on the complaint or the request."
                )
            )
        return cases

    def action_open(self):
        """Creates the access and opens the situation, read only, until the access ends."""
        self.ensure_one()
        case = self._find_case()
        self.env["parcours.exceptional.access"].create(
            {
                "case_id": case.id,
                "reason": self.reason,
                "reason_detail": self.reason_detail,
                "date_end": self.date_end,
            }
        )
        return {"type": "ir.actions.act_window", "res_model": "parcours.case", "res_id": case.id, "view_mode": "form"}
