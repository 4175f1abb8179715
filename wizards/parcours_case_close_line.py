from odoo import fields, models

from ..models.parcours_objective import OUTCOMES


class ParcoursCaseCloseLine(models.TransientModel):
    _name = "parcours.case.close.line"
    _description = "Last review of a goal when the accompaniment ends"
    _inherit = ["parcours.wizard.mixin"]

    wizard_id = fields.Many2one("parcours.case.close", required=True, ondelete="cascade")
    objective_id = fields.Many2one("parcours.objective", string="Goal", required=True, readonly=True)
    domain_id = fields.Many2one(related="objective_id.domain_id", string="Life domain")
    outcome = fields.Selection(OUTCOMES, string="Where it stands", required=True)
    comment = fields.Text(help="What helped, what got in the way: a review is never a sanction.")
