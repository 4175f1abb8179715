from odoo import fields, models


class ParcoursReferentHandoverLine(models.TransientModel):
    """One situation to hand over: its reference and site only, never the person's name."""

    _name = "parcours.referent.handover.line"
    _description = "Situation to hand over"
    _inherit = ["parcours.wizard.mixin"]

    wizard_id = fields.Many2one("parcours.referent.handover", required=True, ondelete="cascade")
    # The line's id, not a link: the manager does not read the situation, the assistant checks it when it acts.
    intervenant_key = fields.Integer(required=True)
    case_reference = fields.Char(string="Situation", readonly=True)
    site_name = fields.Char(string="Site", readonly=True)
    was_referent = fields.Boolean(string="Référent", readonly=True)
    successor_user_id = fields.Many2one(
        "res.users", string="Successor", domain="[('share', '=', False), ('company_ids', 'in', allowed_company_ids)]"
    )
