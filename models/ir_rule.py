from odoo import models
from odoo.exceptions import AccessError

# Records whose name tells who is accompanied: a refusal never names them. The addon's configuration and its
# sessions (named after a site and a day) keep Odoo's message.
NAMED_MODELS = (
    "mail.message",
    "mail.followers",
    "mail.notification",
    "ir.attachment",
    "calendar.attendee",
    "calendar.event",
)
NEUTRAL_MODELS = (
    "parcours.commission",
    "parcours.site",
    "parcours.life.domain",
    "parcours.structure.type",
    "parcours.public.holiday",
)


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        """Odoo names the refused records to users with technical features; around a situation the name is
        itself what must not be read (a family, a reference), so the refusal names the kind of record only."""
        if not self._names_what_must_stay_hidden(records):
            return super()._make_access_error(operation, records)
        description = self.env["ir.model"]._get(records._name).name or records._name
        return AccessError(
            self.env._(
                "You may not %(operation)s these records (%(description)s): they belong to situations you do not "
                "follow, or to what only their professionals read.",
                operation={
                    "read": self.env._("read"),
                    "write": self.env._("change"),
                    "create": self.env._("create"),
                    "unlink": self.env._("delete"),
                }[operation],
                description=description,
            )
        )

    def _names_what_must_stay_hidden(self, records):
        if (
            records._name.startswith("parcours.") and records._name not in NEUTRAL_MODELS
        ) or records._name in NAMED_MODELS:
            return True
        return records._name == "res.partner" and any(records.sudo().mapped("parcours_is_person"))
