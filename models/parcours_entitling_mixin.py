from odoo import api, models


class ParcoursEntitlingMixin(models.AbstractModel):
    """Records that decide who follows a situation: the lines of the accompaniment list, the designations of
    the référent, the person's consents.

    Whatever creates, changes (``_parcours_entitling_fields``) or deletes them calls the situation's one
    decision, ``parcours.case._sync_followers()``: whoever lost access stops following, and the professionals
    given access by this change (``_followers_joining()``) start following.
    """

    _name = "parcours.entitling.mixin"
    _description = "Decides who follows a situation"

    _parcours_entitling_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.case_id._sync_followers(records._followers_joining())
        return records

    def write(self, vals):
        former_cases = self.case_id
        res = super().write(vals)
        if set(vals) & set(self._parcours_entitling_fields):
            (former_cases | self.case_id)._sync_followers(self._followers_joining())
        return res

    def unlink(self):
        cases = self.case_id
        res = super().unlink()
        cases.exists()._sync_followers()
        return res

    def _followers_joining(self):
        """The accompaniment lines whose professionals this change lets follow the situation."""
        return self.env["parcours.intervenant"]
