from odoo import api, fields, models


class ParcoursCaseMember(models.Model):
    _name = "parcours.case.member"
    _description = "Household member"
    _inherit = ["parcours.anchor.mixin"]
    _parcours_anchor_fields = ("case_id",)
    _order = "case_id, birthdate, id"
    _rec_name = "name"

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    name = fields.Char(
        string="Full name",
        compute="_compute_name",
        store=True,
        index="trigram",
        help="First name and name, as searched and printed.",
    )
    lastname = fields.Char(string="Name", required=True)
    firstname = fields.Char(string="First name", required=True)
    birthdate = fields.Date(string="Birth date")
    relationship = fields.Selection(
        [
            ("self", "The person"),
            ("spouse", "Spouse or partner"),
            ("child", "Child"),
            ("parent", "Parent"),
            ("sibling", "Brother or sister"),
            ("other", "Other"),
        ],
        required=True,
        default="child",
    )
    family_situation = fields.Selection(
        [
            ("single", "Single"),
            ("married", "Married"),
            ("pacs", "Civil partnership (PACS)"),
            ("cohabiting", "Living together"),
            ("separated", "Separated"),
            ("divorced", "Divorced"),
            ("widowed", "Widowed"),
        ]
    )
    activity = fields.Char(help="School, training, work, or what the person does.")
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        help="Needed only when this member receives documents or logs in to their own space.",
    )

    @api.depends("firstname", "lastname")
    def _compute_name(self):
        """First name then name, searched with a trigram index like every name of the addon."""
        for member in self:
            member.name = " ".join(filter(None, [member.firstname, member.lastname]))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self.env["parcours.case"]._check_opening_vals({"partner_id": vals.get("partner_id")})
        members = super().create(vals_list)
        members._flag_people()
        return members

    def write(self, vals):
        if not self.env.su and vals.get("partner_id"):
            self.env["parcours.case"]._check_opening_vals({"partner_id": vals["partner_id"]})
        res = super().write(vals)
        if "partner_id" in vals:
            self._flag_people()
        return res

    def _flag_people(self):
        """A member's contact is an accompanied person: hidden from the uninvolved."""
        self.partner_id.filtered(lambda p: not p.parcours_is_person).sudo().parcours_is_person = True
