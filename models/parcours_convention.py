from odoo import api, fields, models


class ParcoursConvention(models.Model):
    """A protocol or convention signed between the organisation and a partner institution."""

    _name = "parcours.convention"
    _description = "Partner convention"
    _inherit = ["mail.thread"]
    _order = "date_signed desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Organisation",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner structure",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_company', '=', True)]",
        tracking=True,
    )
    partner_signatory = fields.Char(string="Signed for the partner by")
    company_signatory = fields.Char(string="Signed for the organisation by")
    date_signed = fields.Date(string="Signed on", tracking=True)
    date_start = fields.Date(string="Valid from", tracking=True)
    date_end = fields.Date(string="Valid until", tracking=True)
    purpose = fields.Text()
    document = fields.Binary(string="Signed document", attachment=True)
    document_name = fields.Char(string="Document name")
    state = fields.Selection(
        [("draft", "Not signed"), ("upcoming", "Not yet in force"), ("running", "In force"), ("ended", "Ended")],
        string="Status",
        compute="_compute_state",
    )

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
            "A convention cannot end before it starts: set an end date on or after the start date.",
        ),
    ]

    @api.depends("date_signed", "date_start", "date_end")
    @api.depends_context("date")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for convention in self:
            if not convention.date_signed:
                convention.state = "draft"
            elif convention.date_end and convention.date_end < today:
                convention.state = "ended"
            elif convention.date_start and convention.date_start > today:
                convention.state = "upcoming"
            else:
                convention.state = "running"
