from odoo import fields, models


class ParcoursNote(models.Model):
    _name = "parcours.note"
    _description = "Follow-up note"
    _inherit = ["parcours.restricted.mixin", "parcours.anchor.mixin", "parcours.logged.mixin"]
    _parcours_anchor_fields = ("case_id", "author_id")
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
