from odoo import models
from odoo.exceptions import AccessError


class ParcoursAnchorMixin(models.AbstractModel):
    """Records tied to a situation (directly or through a plan, a passage, a decision record).

    Record rules are checked before a write, on the record as it was: moving a record to another
    situation would escape them (a line moved to a situation its author does not follow, a passage whose
    label then names another family). The links that tie a record to its situation are therefore set when
    it is created and never change, except by the system.
    """

    _name = "parcours.anchor.mixin"
    _description = "Tied to its situation for good"

    _parcours_anchor_fields = ("case_id",)

    def write(self, vals):
        if not self.env.su:
            self._check_anchors_unchanged(vals)
        return super().write(vals)

    def _check_anchors_unchanged(self, vals):
        for fname in set(self._parcours_anchor_fields) & set(vals):
            field = self._fields[fname]
            value = field.convert_to_cache(vals[fname], self)
            if any(field.convert_to_cache(record[fname], record) != value for record in self.sudo()):
                raise AccessError(
                    self.env._(
                        "%(field)s cannot be changed once the record is created: create a new one where it belongs.",
                        field=field._description_string(self.env),
                    )
                )
