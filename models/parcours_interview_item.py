from odoo import fields, models


class ParcoursInterviewItem(models.Model):
    _name = "parcours.interview.item"
    _description = "Work asked for next time"
    _inherit = ["parcours.anchor.mixin"]
    _parcours_anchor_fields = ("interview_id",)
    _order = "interview_id, sequence, id"

    interview_id = fields.Many2one(
        "parcours.interview", string="Interview", required=True, index=True, ondelete="cascade"
    )
    case_id = fields.Many2one(related="interview_id.case_id", store=True, index=True, string="Situation")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("document", "Document to bring"), ("question", "Question to prepare"), ("other", "Other")],
        required=True,
        default="document",
    )
    name = fields.Char(string="What", required=True)
    done = fields.Boolean()
