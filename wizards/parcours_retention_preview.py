from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date


class ParcoursRetentionPreview(models.TransientModel):
    """What the retention will delete by a date (next month by default), and what the legal holds keep:
    references and dates only, for the data protection officer."""

    _name = "parcours.retention.preview"
    _description = "Preview of the retention"
    _inherit = ["parcours.wizard.mixin"]

    date_to = fields.Date(
        string="Deleted by",
        required=True,
        default=lambda self: fields.Date.context_today(self) + relativedelta(months=1),
    )
    due_count = fields.Integer(compute="_compute_preview", string="Situations to delete")
    held_count = fields.Integer(compute="_compute_preview", string="Kept on legal hold")
    preview = fields.Html(compute="_compute_preview", sanitize=True)

    @api.depends("date_to")
    def _compute_preview(self):
        """Lists reference, status, last contact and deletion date of each situation concerned."""
        labels = dict(self.env["parcours.case"]._fields["state"]._description_selection(self.env))
        for wizard in self:
            due, held = self.env["parcours.retention.run"]._preview(wizard.date_to)
            wizard.due_count, wizard.held_count = len(due), len(held)
            rows = [
                {
                    "name": line["name"],
                    "state": labels.get(line["state"], ""),
                    "last_contact": format_date(self.env, line["last_contact"]),
                    "delete_on": format_date(self.env, line["delete_on"]),
                    "kept": kept,
                }
                for kept, lines in ((False, due), (True, held))
                for line in sorted(lines, key=lambda row: row["delete_on"])
            ]
            wizard.preview = self.env["ir.qweb"]._render(
                "referent_parcours.parcours_retention_preview_table", {"rows": rows}
            )
