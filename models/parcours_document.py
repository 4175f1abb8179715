import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.mimetypes import guess_mimetype

DOCUMENT_TYPES = [
    ("identity", "Identity paper or residence permit"),
    ("income", "Payslip or proof of income"),
    ("benefits", "Certificate of benefits (family allowances, pension...)"),
    ("tax", "Tax notice"),
    ("housing", "Lease, rent receipt or proof of address"),
    ("family", "Family record book or birth certificate"),
    ("health", "Health insurance or medical certificate"),
    ("school", "School or training certificate"),
    ("court", "Court decision"),
    ("other", "Other document"),
]

ALLOWED_MIMETYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/heic": "HEIC",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
}
MAX_SIZE_MB = 10
EXPIRY_WARNING_DAYS = 30


class ParcoursDocument(models.Model):
    _name = "parcours.document"
    _description = "Document of the person's digital locker (armoire numérique)"
    _inherit = ["parcours.anchor.mixin", "parcours.logged.mixin"]
    _parcours_anchor_fields = ("case_id", "source", "owner_partner_id")
    _order = "create_date desc, id desc"

    name = fields.Char(string="Title", required=True)
    case_id = fields.Many2one("parcours.case", string="Situation", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="case_id.company_id", store=True, string="Organisation")
    document_type = fields.Selection(DOCUMENT_TYPES, string="Type", required=True, default="other")
    source = fields.Selection(
        [("person", "Added by the person"), ("professional", "Shared by a professional")],
        required=True,
        default="professional",
        readonly=True,
    )
    owner_partner_id = fields.Many2one(
        "res.partner",
        string="Added by",
        readonly=True,
        index="btree_not_null",
        help="The person who put the document in their locker.",
    )
    share_with = fields.Selection(
        [
            ("private", "Only me"),
            ("referent", "My référent"),
            ("team", "My référent and the professionals who follow me"),
        ],
        string="Who may see it",
        required=True,
        default="private",
        help="The person's choice, document by document. Documents shared by a professional are seen by the "
        "person and by the professionals who follow them.",
    )
    expiry_date = fields.Date(string="Valid until")
    expiry_state = fields.Selection(
        [("valid", "Valid"), ("soon", "Expires soon"), ("expired", "Expired")],
        compute="_compute_expiry_state",
        search="_search_expiry_state",
        string="Validity",
    )
    datas = fields.Binary(string="File", attachment=True, required=True)
    filename = fields.Char(string="File name")
    mimetype = fields.Char(readonly=True)
    file_size = fields.Integer(string="Size (bytes)", readonly=True)
    note = fields.Text(string="Comment")

    @api.depends("expiry_date")
    @api.depends_context("date")
    def _compute_expiry_state(self):
        """A document is signalled a month before it expires."""
        today = fields.Date.context_today(self)
        soon = fields.Date.add(today, days=EXPIRY_WARNING_DAYS)
        for document in self:
            if not document.expiry_date or document.expiry_date > soon:
                document.expiry_state = "valid"
            elif document.expiry_date < today:
                document.expiry_state = "expired"
            else:
                document.expiry_state = "soon"

    def _search_expiry_state(self, operator, value):
        today = fields.Date.context_today(self)
        soon = fields.Date.add(today, days=EXPIRY_WARNING_DAYS)
        domains = {
            "expired": [("expiry_date", "<", today)],
            "soon": [("expiry_date", ">=", today), ("expiry_date", "<=", soon)],
            "valid": ["|", ("expiry_date", "=", False), ("expiry_date", ">", soon)],
        }
        values = [value] if isinstance(value, str) else list(value or [])
        if operator not in ("=", "in", "!=", "not in") or any(v not in domains for v in values):
            raise ValidationError(self.env._("Filter the validity with: valid, expires soon or expired."))
        domain = ["|"] * (len(values) - 1)
        for v in values:
            domain += domains[v]
        return domain if operator in ("=", "in") else ["!", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.update(self._prepare_file_vals(vals.get("datas"), vals.get("filename")))
        documents = super().create(vals_list)
        documents.filtered(lambda d: d.source == "professional")._announce_to_person()
        return documents

    def write(self, vals):
        if "datas" in vals:
            vals = {**vals, **self._prepare_file_vals(vals["datas"], vals.get("filename"))}
        return super().write(vals)

    @api.model
    def _prepare_file_vals(self, datas, filename):
        """Checks the real content of the file (not its name) and its size, before anything is stored."""
        if not datas:
            raise ValidationError(self.env._("Choose the file to add."))
        try:
            raw = base64.b64decode(datas, validate=True)
        except (binascii.Error, ValueError, TypeError):
            raise ValidationError(self.env._("The file could not be read: choose it again.")) from None
        if len(raw) > MAX_SIZE_MB * 1024 * 1024:
            raise ValidationError(
                self.env._(
                    "This file weighs %(size)s MB: the limit is %(max)s MB. Scan it again at a lower resolution "
                    "or split it.",
                    size=round(len(raw) / 1024 / 1024, 1),
                    max=MAX_SIZE_MB,
                )
            )
        mimetype = guess_mimetype(raw, default="application/octet-stream")
        if mimetype == "application/octet-stream" and (filename or "").lower().endswith((".heic", ".heif")):
            mimetype = "image/heic"
        if mimetype not in ALLOWED_MIMETYPES:
            raise ValidationError(
                self.env._(
                    "This kind of file cannot be added (%(name)s). Accepted: PDF, photos and office documents "
                    "(Word, Excel, LibreOffice).",
                    name=filename or self.env._("file without a name"),
                )
            )
        return {"mimetype": mimetype, "file_size": len(raw)}

    def _announce_to_person(self):
        """Tells the person, in their space and by e-mail, that a professional put a document in their locker."""
        spaces = (
            self.env["parcours.person.space"]
            .sudo()
            .search([("case_id", "in", self.case_id.ids), ("state", "=", "active")])
        )
        for document in self:
            for space in spaces.filtered(lambda s, case=document.case_id: s.case_id == case):
                space.message_post(
                    body=self.env._("A document was put in your locker: %(name)s.", name=document.name),
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    author_id=self.env.user.partner_id.id,
                )
