from odoo import api, models


class ParcoursFileMixin(models.AbstractModel):
    """A record of the addon whose messages, attachments and followers are guarded."""

    _name = "parcours.file.mixin"
    _description = "Records whose file follows their access"

    def _parcours_file_domain(self):
        """Who reads the file, beyond the record rules: nothing more by default."""
        return []

    @api.model
    def _parcours_file_query(self):
        """The records whose file the current user may read, as a query (None when none)."""
        model = self.sudo(False).with_context(active_test=False)
        if not model.has_access("read"):
            return None
        return model._search(self._parcours_file_domain())
