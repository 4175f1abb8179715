from odoo import api, models


class ParcoursProjetLineMixin(models.AbstractModel):
    _name = "parcours.projet.line.mixin"
    _description = "Line of a plan, frozen with its version once adopted"

    # Fields that stay editable on an adopted version (follow-up between commissions).
    _projet_followup_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        self.env["parcours.projet"].browse([vals.get("projet_id") for vals in vals_list])._check_editable()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - self._projet_followup_fields:
            self.projet_id._check_editable()
        return super().write(vals)

    def unlink(self):
        self.projet_id._check_editable()
        return super().unlink()
