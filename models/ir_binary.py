from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _get_stream_from(
        self,
        record,
        field_name="raw",
        filename=None,
        filename_field="name",
        mimetype=None,
        default_mimetype="application/octet-stream",
    ):
        """Downloading a document of a situation (the person's document, a letter, a signed record) is logged."""
        stream = super()._get_stream_from(
            record,
            field_name=field_name,
            filename=filename,
            filename_field=filename_field,
            mimetype=mimetype,
            default_mimetype=default_mimetype,
        )
        logged = self.env["parcours.logged.mixin"]._parcours_logged_models()
        owner = record
        if record._name == "ir.attachment" and record.sudo().res_model in logged and record.sudo().res_id:
            owner = self.env[record.sudo().res_model].browse(record.sudo().res_id)
        if owner._name in logged:
            self.env["parcours.access.log"]._log(owner, "download")
        return stream
