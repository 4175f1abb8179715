from odoo import api, models
from odoo.exceptions import AccessError


class ParcoursAnchorMixin(models.AbstractModel):
    """What a client may not write on the addon's records: the system keeps it.

    Record rules are checked before a write, on the record as it was, and Odoo lets a client write any stored
    field, computed or read-only ones included. So three kinds of fields are refused to clients (refused at
    creation too where it applies), and written only by the model's own code through ``_write_system``, once it
    has checked that the user may act:

    - anchors (``_parcours_anchor_fields``): the links that tie a record to its situation (a line moved to a
      situation its author does not follow, a passage whose label then names another family); set when the
      record is created, never changed;
    - computed values (``is_referent``, ``referent_intervenant_id``, ``sharing_in_force``...): computed from
      what decides them, never written;
    - states and dates that the model's actions move (``_parcours_system_fields``): a signed record set back to
      draft, a cancelled passage scheduled again, a closed session reopened.

    And a link a client sets (to a record of the addon or to a contact) must point to something the client may
    read: Odoo shows a many2one's name as the system, so linking one's own record to someone else's goal, or
    one's own invitee to a hidden contact, would read it.
    """

    _name = "parcours.anchor.mixin"
    _description = "Kept by the system: links to the situation, computed values, states"

    _parcours_anchor_fields = ("case_id",)
    _parcours_system_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_client_create(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_client_write(vals)
        return super().write(vals)

    def _write_system(self, vals):
        """The one path by which the model's own actions write what clients may not."""
        return self.sudo().write(vals)

    def _computed_by_system(self, fname):
        field = self._fields[fname]
        return bool(field.compute) and not field.inverse and field.readonly and field.store

    def _check_client_create(self, vals):
        for fname in vals:
            if fname in self._fields and self._computed_by_system(fname):
                self._refuse(fname)
        self._check_client_links(vals)

    def _check_client_links(self, vals):
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if not field or field.type not in ("many2one", "many2many") or not value or field.compute:
                continue
            if not (field.comodel_name.startswith("parcours.") or field.comodel_name == "res.partner"):
                continue
            ids = self.env["parcours.wizard.mixin"]._parcours_target_ids(field, value)
            targets = self.env[field.comodel_name].browse(ids).exists()
            if targets and not targets.has_access("read"):
                raise AccessError(
                    self.env._("%(field)s: choose among what you may see.", field=field._description_string(self.env))
                )

    def _check_client_system_vals(self, vals_list):
        """For a create override that sets system fields itself: refuses those the client sent."""
        if self.env.su:
            return
        defaults = self.default_get(list(self._parcours_system_fields))
        for vals in vals_list:
            for fname in self._parcours_system_fields:
                if vals.get(fname) and vals[fname] != defaults.get(fname):
                    self._refuse(fname)

    def _check_client_write(self, vals):
        for fname in vals:
            if fname in self._fields and (fname in self._parcours_system_fields or self._computed_by_system(fname)):
                self._refuse(fname)
        self._check_client_links(vals)
        for fname in set(self._parcours_anchor_fields) & set(vals):
            field = self._fields[fname]
            value = field.convert_to_cache(vals[fname], self)
            if any(field.convert_to_cache(record[fname], record) != value for record in self.sudo()):
                self._refuse(fname)

    def _refuse(self, fname):
        raise AccessError(
            self.env._(
                "%(field)s is kept by the application: it changes through the buttons that record why, not by "
                "editing it.",
                field=self._fields[fname]._description_string(self.env),
            )
        )
