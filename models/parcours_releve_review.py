from odoo import fields, models

from .parcours_objective import OUTCOMES


class ParcoursReleveReview(models.Model):
    _name = "parcours.releve.review"
    _description = "Review of a goal at a commission"
    _inherit = ["parcours.anchor.mixin", "parcours.locked.mixin"]
    _parcours_anchor_fields = ("releve_id",)
    _lock_parent_field = "releve_id"
    _order = "releve_id, id"

    releve_id = fields.Many2one("parcours.releve", required=True, index=True, ondelete="cascade")
    objective_id = fields.Many2one("parcours.objective", string="Goal", required=True, ondelete="restrict", index=True)
    domain_id = fields.Many2one(related="objective_id.domain_id", string="Life domain")
    outcome = fields.Selection(OUTCOMES, string="Where it stands", required=True, default="in_progress")
    comment = fields.Text(help="What helped, what got in the way: a review is never a sanction.")
