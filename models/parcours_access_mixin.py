from odoo import api, models
from odoo.exceptions import UserError


class ParcoursAccessMixin(models.AbstractModel):
    """Access conditions of the current user, as non-stored booleans that record rules search.

    A condition is a boolean field with a ``search`` method returning the domain (or the sub-query) of the
    records it grants to ``self.env.uid``, and a compute that evaluates that same search, so that screens,
    ``check_access`` (which evaluates a rule's domain on the records) and searches always agree.
    """

    _name = "parcours.access.mixin"
    _description = "Access conditions searchable by record rules"

    def _compute_access_condition(self, fname):
        """Evaluates a condition on these records through its own search (one query)."""
        granted = self.sudo().with_context(active_test=False).search([("id", "in", self.ids), (fname, "=", True)])
        for record in self:
            record[fname] = record.id in granted.ids

    @api.model
    def _access_condition_wanted(self, operator, value):
        """Conditions are searched for yes or no: returns whether the search wants them met."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("This filter only accepts yes or no."))
        return (operator == "=") == value

    @api.model
    def _access_condition_domain(self, operator, value, granted):
        """The domain of a condition from what it grants: a domain, a query or an SQL sub-select of ids."""
        wanted = self._access_condition_wanted(operator, value)
        if isinstance(granted, list):
            return (
                granted if wanted else [("id", "not in", self.sudo().with_context(active_test=False)._search(granted))]
            )
        return [("id", "in" if wanted else "not in", granted)]
