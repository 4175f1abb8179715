from odoo import api, fields, models


class ParcoursNote(models.Model):
    _name = "parcours.note"
    _description = "Follow-up note"
    _order = "date desc, id desc"
    _rec_name = "subject"

    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    subject = fields.Char(required=True)
    domain_id = fields.Many2one(
        "parcours.life.domain",
        string="Life domain",
        ondelete="restrict",
        help="When the person refuses to share this domain, only the author and the professionals "
        "the person allowed can read the note.",
    )
    body = fields.Html(sanitize=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    author_id = fields.Many2one(
        "res.users", string="Author", required=True, readonly=True, default=lambda self: self.env.user, index=True
    )
    refused_subject_id = fields.Many2one(
        "parcours.refused.subject",
        compute="_compute_refused_subject_id",
        store=True,
        index=True,
        string="Refused subject",
    )
    restricted = fields.Boolean(compute="_compute_refused_subject_id", store=True)

    @api.depends("domain_id", "case_id.refused_subject_ids.domain_id", "case_id.refused_subject_ids.active")
    def _compute_refused_subject_id(self):
        """Links the note to the person's refusal on its domain, which then restricts who reads it."""
        for note in self:
            refusal = note.case_id.refused_subject_ids.filtered(
                lambda r: note.domain_id and r.domain_id == note.domain_id
            )
            note.refused_subject_id = refusal[:1]
            note.restricted = bool(refusal)
