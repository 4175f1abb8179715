from odoo import models


class ParcoursProjetLineMixin(models.AbstractModel):
    """A line of a plan (a diagnostic line, a goal, a step of the path): kept as adopted with its version."""

    _name = "parcours.projet.line.mixin"
    _description = "Line of a plan, frozen with its version once adopted"
    _inherit = ["parcours.locked.mixin"]
    _lock_parent_field = "projet_id"
