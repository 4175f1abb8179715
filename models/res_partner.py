from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "parcours.access.mixin"]

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
    parcours_access_involved = fields.Boolean(
        string="Person I follow",
        compute="_compute_parcours_access_involved",
        search="_search_parcours_access_involved",
        compute_sudo=True,
        help="The contact is the person or a household member of a situation the current user follows (or "
        "holds an exceptional access to, or reads as a former référent during the handover).",
    )

    @api.depends("parcours_case_ids", "parcours_member_ids.case_id")
    @api.depends_context("uid")
    def _compute_parcours_access_involved(self):
        """Whether the contact belongs to a situation the current user follows (the situation's condition)."""
        self._compute_access_condition("parcours_access_involved")

    def _search_parcours_access_involved(self, operator, value):
        """The people of the situations the user follows or holds an exceptional access to."""
        Case = self.env["parcours.case"].sudo()
        # The file's readers, and a former référent during the handover (who reads the situation, not its file).
        cases = SQL(
            "(%s UNION %s)", Case._search_access_file("=", True)[0][2], Case._search_access_handover("=", True)[0][2]
        )
        Case.flush_model(["partner_id"])
        self.env["parcours.case.member"].flush_model(["partner_id", "case_id"])
        people = SQL(
            "(SELECT c.partner_id FROM parcours_case c WHERE c.id IN %(cases)s "
            "UNION SELECT m.partner_id FROM parcours_case_member m WHERE m.partner_id IS NOT NULL "
            "AND m.case_id IN %(cases)s)",
            cases=cases,
        )
        return self._access_condition_domain(operator, value, people)

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._flag_people_contacts()
        return partners

    def write(self, vals):
        if (
            not self.env.su
            and "parcours_is_person" in vals
            and not vals["parcours_is_person"]
            and self.filtered("parcours_is_person")
        ):
            raise AccessError(self.env._("An accompanied person stays hidden from those who do not follow them."))
        res = super().write(vals)
        if vals.get("parent_id"):
            self._flag_people_contacts()
        return res

    def _flag_people_contacts(self):
        """A contact filed under an accompanied person (a child, an address) is hidden like the person: its name
        reads 'Famille X, Y'."""
        people = self.filtered(lambda p: not p.parcours_is_person and p.parent_id.sudo().parcours_is_person)
        if people:
            people.sudo().parcours_is_person = True

    def _parcours_postal_address(self):
        """The postal address as printed on the documents of the approach: its lines, without empty ones."""
        self.ensure_one()
        lines = self._display_address(without_company=True).splitlines()
        return "\n".join(line.strip() for line in lines if line.strip())


class ResPartnerConvention(models.Model):
    _inherit = "res.partner"

    parcours_convention_ids = fields.One2many("parcours.convention", "partner_id", string="Partner conventions")
    parcours_convention_count = fields.Integer(string="Conventions", compute="_compute_parcours_convention_count")

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_parcours_convention_count(self):
        """Counts the conventions the current user may read (the organisation's own)."""
        Convention = self.env["parcours.convention"]
        counts = {}
        if Convention.has_access("read"):
            counts = {
                partner.id: count
                for partner, count in Convention._read_group(
                    [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
                )
            }
        for partner in self:
            partner.parcours_convention_count = counts.get(partner.id, 0)

    def action_view_parcours_conventions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Partner conventions"),
            "res_model": "parcours.convention",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }
