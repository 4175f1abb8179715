from odoo import api, models
from odoo.exceptions import AccessError


class ParcoursWizardMixin(models.AbstractModel):
    """Every assistant of the addon is opened on records the user may read, checked as the user.

    An assistant computes and shows what it is opened on (a situation's référent, a consent's date, a
    passage's next session) with the system's rights: opened on someone else's record it would read it for
    the caller. So every value given to an assistant that points to a record of the addon, whether as a
    default, in an onchange, at creation or in a later write, is checked first; a foreign id is refused.
    """

    _name = "parcours.wizard.mixin"
    _description = "Assistant opened on records the user may read"

    def _parcours_check_targets(self, values):
        if self.env.su:
            return
        for fname, value in values.items():
            field = self._fields.get(fname)
            if not field or field.type not in ("many2one", "many2many", "one2many") or not value:
                continue
            if not field.comodel_name.startswith("parcours.") or self.env[field.comodel_name]._transient:
                continue
            ids = self._parcours_target_ids(field, value)
            targets = self.env[field.comodel_name].browse(ids)
            if targets and not targets.has_access("read"):
                raise AccessError(self.env._("This assistant cannot be opened on a record you may not see."))

    @api.model
    def _parcours_target_ids(self, field, value):
        if field.type == "many2one":
            return [value.id if isinstance(value, models.BaseModel) else value]
        if isinstance(value, models.BaseModel):
            return value.ids
        ids = []
        for command in value:
            if isinstance(command, int):
                ids.append(command)
            elif command[0] in (4, 1):
                ids.append(command[1])
            elif command[0] == 6:
                ids.extend(command[2])
        return ids

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        self._parcours_check_targets(values)
        return values

    def onchange(self, values, field_names, fields_spec):
        self._parcours_check_targets({fname: values[fname] for fname in values if fname in self._fields})
        return super().onchange(values, field_names, fields_spec)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._parcours_check_targets(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._parcours_check_targets(vals)
        return super().write(vals)
