from odoo import api, fields, models


class ParcoursProjetStep(models.Model):
    _name = "parcours.projet.step"
    _description = "Step of the proposed path"
    _order = "projet_id, planned_date, id"

    projet_id = fields.Many2one("parcours.projet", string="Plan", required=True, index=True, ondelete="cascade")
    case_id = fields.Many2one(related="projet_id.case_id", store=True, index=True, string="Situation")
    objective_id = fields.Many2one("parcours.objective", string="Goal", domain="[('projet_id', '=', projet_id)]")
    name = fields.Char(string="Step", required=True)
    planned_date = fields.Date(string="Planned for")
    operator = fields.Char(string="Expected operator", help="Who carries this step.")
    done = fields.Boolean()

    @api.model_create_multi
    def create(self, vals_list):
        projets = self.env["parcours.projet"].browse([vals.get("projet_id") for vals in vals_list])
        projets._check_editable()
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - {"done"}:
            self.projet_id._check_editable()
        return super().write(vals)
