from odoo import api, fields, models
from odoo.osv import expression


class ParcoursAttachedMixin(models.AbstractModel):
    """What hangs on another record by its model and id: messages, attachments, followers, attendees.

    Odoo lets many of them be read by every internal user, or as soon as the record they hang on can be
    read. Around a situation that is not enough: a situation's file (chatter, attachments) is read only by
    the professionals who follow it, not by those who read it for a commission or for steering; followers
    and attendees only by who may read what they hang on. The condition is the record's own
    ``_parcours_file_domain`` (its record rules when it has none): one rule per model reads it.
    """

    _name = "parcours.attached.mixin"
    _description = "Read only by who may read the record it hangs on"
    _inherit = ["parcours.access.mixin"]

    # Where the hanging record names what it hangs on (a dotted path is allowed), and which models the
    # addon guards for it; anything else keeps Odoo's own rules.
    _parcours_res_model_field = "res_model"
    _parcours_res_id_field = "res_id"
    _parcours_guarded_models = ()

    parcours_allowed = fields.Boolean(
        string="Readable by me",
        compute="_compute_parcours_allowed",
        search="_search_parcours_allowed",
        help="Not about a record of the addon, or about one the current user may read the file of.",
    )

    @api.depends_context("uid")
    def _compute_parcours_allowed(self):
        """Evaluates the condition through its own search, so screens and rules agree; what is plainly allowed
        (not about a guarded record, or the user's own) is settled from the values at hand, without a query."""
        model_field = self._parcours_res_model_field
        # Filtered as the superuser, assigned in the caller's environment: the value is cached per (uid, su).
        plain = (
            self.sudo()
            .filtered_domain(
                expression.OR(
                    [[(model_field, "not in", list(self._parcours_guarded_models))], self._parcours_own_domain()]
                )
            )
            .sudo(self.env.su)
        )
        for record in plain:
            record.parcours_allowed = True
        (self - plain)._compute_access_condition("parcours_allowed")

    def _parcours_own_domain(self):
        """What the current user reads whatever they hang on (their own subscription, their own message)."""
        return []

    def _search_parcours_allowed(self, operator, value):
        model_field, id_field = self._parcours_res_model_field, self._parcours_res_id_field
        domains = [[(model_field, "not in", list(self._parcours_guarded_models))]]
        own = self._parcours_own_domain()
        if own:
            domains.append(own)
        for model_name in self._parcours_guarded_models:
            readable = self.env[model_name]._parcours_file_query()
            if readable is not None:
                domains.append([(model_field, "=", model_name), (id_field, "in", readable)])
        return self._access_condition_domain(operator, value, expression.OR(domains))
