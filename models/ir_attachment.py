from odoo import models


class IrAttachment(models.Model):
    """A situation's attachments are read by the professionals who follow it; a passage's letters by them and
    by the session's pilot and secretariat, not by another invitee."""

    _name = "ir.attachment"
    _inherit = ["ir.attachment", "parcours.attached.mixin"]
    _parcours_guarded_models = ("parcours.case", "parcours.passage")
