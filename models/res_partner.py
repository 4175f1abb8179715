from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    parcours_structure_type_id = fields.Many2one(
        "parcours.structure.type",
        string="Structure type",
        help="Type of this partner structure in the référent de parcours approach (CCAS, CAF, AEMO...).",
    )
    parcours_is_person = fields.Boolean(
        string="Accompanied person",
        index=True,
        copy=False,
        help="Person or household member followed in a situation: hidden from users who are not involved.",
    )
    parcours_case_ids = fields.One2many("parcours.case", "partner_id", string="Situations")
    parcours_member_ids = fields.One2many("parcours.case.member", "partner_id", string="Household memberships")
