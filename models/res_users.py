from odoo import api, fields, models
from odoo.exceptions import ValidationError

PROFILE_FIELDS = [
    "parcours_available",
    "parcours_availability_note",
    "parcours_territory",
    "parcours_structure_id",
]


class ResUsers(models.Model):
    _inherit = "res.users"

    parcours_available = fields.Boolean(
        string="Available for new situations",
        help="The professional can be chosen as référent by another person.",
    )
    parcours_availability_note = fields.Char(
        string="Availability note",
        help="A short note for the other professionals (days, delays, kind of situations).",
    )
    parcours_territory = fields.Char(string="Territory", help="The territory where the professional works.")
    parcours_structure_id = fields.Many2one(
        "res.partner",
        string="Structure",
        domain=[("is_company", "=", True)],
        help="The structure the professional works for (defaults to their organisation in the directory).",
    )
    parcours_training_ids = fields.Many2many(
        "event.registration",
        string="Trainings attended",
        compute="_compute_parcours_network",
        help="Trainings and meetings of the référents' network the professional attended.",
    )
    parcours_referent_count = fields.Integer(
        string="Situations followed as référent",
        compute="_compute_parcours_network",
        help="How many situations the professional currently follows as référent (a count, no names).",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + PROFILE_FIELDS + ["parcours_training_ids", "parcours_referent_count"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + PROFILE_FIELDS

    @api.constrains("parcours_structure_id")
    def _check_parcours_structure(self):
        """A professional's structure is a company, never a person's contact (the directory shows its name)."""
        for user in self.sudo().filtered("parcours_structure_id"):
            structure = user.parcours_structure_id
            if not structure.is_company or structure.parcours_is_person:
                raise ValidationError(self.env._("Choose the structure you work for (a company)."))

    @api.depends_context("uid")
    def _compute_parcours_network(self):
        """Attended registrations of the network's events, and the count of situations as référent. Counts only:
        the situations themselves stay behind their own rules."""
        registrations_sudo = (
            self.env["event.registration"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("state", "=", "done"),
                    ("event_id.parcours_network", "=", True),
                ]
            )
        )
        counts = self.env["parcours.referent.directory"].sudo()._referent_counts(self.ids)
        for user in self:
            user.parcours_training_ids = registrations_sudo.filtered(lambda r, u=user: r.partner_id == u.partner_id)
            user.parcours_referent_count = counts.get(user.id, 0)

    def action_parcours_network_profile(self):
        """Opens the current professional's own network profile."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("My network profile"),
            "res_model": "res.users",
            "res_id": self.env.user.id,
            "view_mode": "form",
            "views": [(self.env.ref("referent_parcours.res_users_view_form_parcours_profile").id, "form")],
            "target": "current",
        }
