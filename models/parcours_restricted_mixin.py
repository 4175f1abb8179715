from odoo import api, fields, models
from odoo.exceptions import AccessError


class ParcoursRestrictedMixin(models.AbstractModel):
    _name = "parcours.restricted.mixin"
    _description = "Content on a life domain the person may refuse to share"
    _inherit = ["parcours.access.mixin"]

    author_id = fields.Many2one(
        "res.users",
        string="Author",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
        help="Who wrote it: on a refused subject, the author keeps reading it. Copies keep the author.",
    )
    refused_subject_id = fields.Many2one(
        "parcours.refused.subject",
        compute="_compute_refused_subject_id",
        store=True,
        index=True,
        compute_sudo=True,
        string="Refused subject",
    )
    restricted = fields.Boolean(compute="_compute_refused_subject_id", store=True, compute_sudo=True)
    access_restricted = fields.Boolean(
        string="Readable on its subject",
        compute="_compute_access_restricted",
        search="_search_access_restricted",
        compute_sudo=True,
        help="Not on a subject the person refuses to share, or the current user wrote it or is allowed on it.",
    )

    @api.depends("domain_id", "case_id.refused_subject_ids.domain_id", "case_id.refused_subject_ids.active")
    def _compute_refused_subject_id(self):
        """Links the line to the person's refusal on its domain, which then restricts who reads it."""
        for record in self:
            refusal = record.case_id.refused_subject_ids.filtered(
                lambda r, domain=record.domain_id: domain and r.domain_id == domain
            )
            record.refused_subject_id = refusal[:1]
            record.restricted = bool(refusal)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("author_id") not in (None, False, self.env.uid) for vals in vals_list):
            raise AccessError(self.env._("A line is written in one's own name: its author is who writes it."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "domain_id" in vals and self.filtered("refused_subject_id"):
            raise AccessError(
                self.env._(
                    "This was written on a subject the person refuses to share: it stays on it. Only the person "
                    "lifts a refusal, recorded by their référent."
                )
            )
        return super().write(vals)

    @api.depends("refused_subject_id.allowed_intervenant_ids", "author_id")
    @api.depends_context("uid")
    def _compute_access_restricted(self):
        """Whether the current user may read the line despite the person's refusal of its subject."""
        self._compute_access_condition("access_restricted")

    def _search_access_restricted(self, operator, value):
        domain = [
            "|",
            "|",
            ("refused_subject_id", "=", False),
            ("author_id", "=", self.env.uid),
            (
                "refused_subject_id.allowed_intervenant_ids",
                "any",
                [("user_id", "=", self.env.uid), ("is_active", "=", True)],
            ),
        ]
        return self._access_condition_domain(operator, value, domain)

    @api.model
    def _search_for_reader(self, domain, order=None):
        """Lines the reader may see (the rules decide); a copy handed out leaves every refused subject out."""
        if self.env.context.get("parcours_shared_copy"):
            domain = [*domain, ("restricted", "=", False)]
        return self.search(domain, order=order)
