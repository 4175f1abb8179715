from odoo import api, fields, models


class ParcoursRestrictedMixin(models.AbstractModel):
    _name = "parcours.restricted.mixin"
    _description = "Content on a life domain the person may refuse to share"

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

    @api.depends("domain_id", "case_id.refused_subject_ids.domain_id", "case_id.refused_subject_ids.active")
    def _compute_refused_subject_id(self):
        """Links the line to the person's refusal on its domain, which then restricts who reads it."""
        for record in self:
            refusal = record.case_id.refused_subject_ids.filtered(
                lambda r: record.domain_id and r.domain_id == record.domain_id
            )
            record.refused_subject_id = refusal[:1]
            record.restricted = bool(refusal)

    @api.model
    def _search_for_reader(self, domain, order=None):
        """Lines the reader may see (the rules decide); a copy handed out leaves every refused subject out."""
        if self.env.context.get("parcours_shared_copy"):
            domain = [*domain, ("restricted", "=", False)]
        return self.search(domain, order=order)
