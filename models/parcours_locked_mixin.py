from odoo import api, models
from odoo.exceptions import UserError


class ParcoursLockedMixin(models.AbstractModel):
    """Kept as adopted: a plan once adopted in commission, its lines and goals with it, a decision record once
    signed.

    One mechanism: on a record ``_locked_records()`` returns, the fields of ``_locked_fields`` (or, when it is
    empty, every field but ``_unlocked_fields``, the follow-up between commissions) no longer change and the
    record is not deleted; a record with a ``_lock_parent_field`` is locked with its parent, and nothing is added
    to a locked parent. ``_locked_message()`` says what to do instead.
    """

    _name = "parcours.locked.mixin"
    _description = "Kept as adopted"

    _locked_fields = frozenset()
    _unlocked_fields = frozenset()
    _lock_parent_field = None

    @api.model_create_multi
    def create(self, vals_list):
        if self._lock_parent_field:
            parent_ids = [vals[self._lock_parent_field] for vals in vals_list if vals.get(self._lock_parent_field)]
            locked_parents = self[self._lock_parent_field].browse(parent_ids)._locked_records()
            if locked_parents:
                raise UserError(self._locked_add_message(locked_parents))
        return super().create(vals_list)

    def write(self, vals):
        fnames = set(vals)
        if fnames & self._locked_fields if self._locked_fields else fnames - self._unlocked_fields:
            self._check_unlocked("write")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_unlocked("unlink")

    def _locked_records(self):
        """The records kept as adopted: with their parent, or once out of draft."""
        if self._lock_parent_field:
            locked_parents = self[self._lock_parent_field]._locked_records()
            return self.filtered(lambda record: record[self._lock_parent_field] in locked_parents)
        return self.filtered(lambda record: record.state != "draft")

    def _check_unlocked(self, operation):
        """Refuses to ``write`` or ``unlink`` records kept as adopted."""
        locked = self._locked_records()
        if locked:
            raise UserError(locked._locked_message(operation))

    def _locked_add_message(self, parents):
        """Why nothing is added to these parents kept as adopted."""
        return parents._locked_message("write")

    def _locked_message(self, operation):
        """Why the change is refused and what to do instead; lines answer as their parent."""
        if self._lock_parent_field:
            return self[self._lock_parent_field]._locked_message("write")
        raise NotImplementedError()
