from collections import defaultdict
from contextlib import contextmanager

from odoo import api, fields, models

# Key of the transaction's batch in the cursor's cache (as core's account keeps its recursion stack there).
_BATCH_KEY = "parcours_calendar_batch"


class ParcoursCalendarMixin(models.AbstractModel):
    """A record mirrored by one calendar event: a session in its pilot's and secretary's calendars, a passage
    in its invitees'.

    One entry point, ``_mark_event_sync()``: whatever changes what an event shows marks the records, and their
    events are written once, in one batch, when the public call that changed them ends (the outermost create,
    write or unlink of a mirrored model, or an action opened with ``_event_batch()``). A write made while the
    events are written (a passage renumbered) marks again and is written in the same batch, so nothing needs a
    flag to stop a loop.
    """

    _name = "parcours.calendar.mixin"
    _description = "Mirrored in the calendar"

    # Fields of the record whose change changes its event.
    _parcours_event_fields = ()

    event_id = fields.Many2one(
        "calendar.event", string="Calendar event", readonly=True, copy=False, index="btree_not_null"
    )

    @api.model_create_multi
    def create(self, vals_list):
        with self._event_batch():
            records = super().create(vals_list)
            records._mark_event_sync()
        return records

    def write(self, vals):
        with self._event_batch():
            res = super().write(vals)
            if set(vals) & set(self._parcours_event_fields):
                self._mark_event_sync()
        return res

    def unlink(self):
        events = self.event_id
        res = super().unlink()
        events.sudo().with_context(no_mail_to_attendees=True).unlink()
        return res

    @contextmanager
    def _event_batch(self):
        """Defers the events' writing to the end of the outermost batch of the transaction."""
        batch = self.env.cr.cache.setdefault(_BATCH_KEY, {"depth": 0, "pending": defaultdict(set)})
        batch["depth"] += 1
        try:
            yield
            if batch["depth"] == 1:
                self._flush_event_batch(batch["pending"])
        except Exception:
            batch["pending"].clear()
            raise
        finally:
            batch["depth"] -= 1

    def _flush_event_batch(self, pending):
        """Writes the marked records' events; marks made meanwhile are written in the same loop."""
        while pending:
            model, ids = pending.popitem()
            records = self.env[model].sudo().browse(ids).exists()
            records._sync_events()
            # Marked again while being written (a renumbering): already written.
            if model in pending:
                pending[model] -= ids
                if not pending[model]:
                    del pending[model]

    def _mark_event_sync(self):
        """The one entry point: these records' events follow them when the current public call ends."""
        if not self:
            return
        with self._event_batch():
            self.env.cr.cache[_BATCH_KEY]["pending"][self._name].update(self.ids)

    def _event_wanted(self):
        """Whether the record is mirrored in the calendar yet."""
        self.ensure_one()
        return True

    def _prepare_event_vals(self):
        raise NotImplementedError()

    def _sync_events(self):
        """Creates the missing events in one call and writes the others (Odoo's own invitations are not sent)."""
        Event = (
            self.env["calendar.event"]
            .sudo()
            .with_context(
                no_mail_to_attendees=True,
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
                active_test=False,
            )
        )
        mirrored = self.filtered(lambda record: record._event_wanted())
        # An event whose record is no longer mirrored leaves the calendars.
        (self - mirrored).event_id.sudo().with_context(no_mail_to_attendees=True).write({"active": False})
        to_create = mirrored.filtered(lambda record: not record.event_id)
        for record in mirrored - to_create:
            record.event_id.sudo().with_context(no_mail_to_attendees=True, active_test=False).write(
                record._prepare_event_vals()
            )
        events = Event.create([record._prepare_event_vals() for record in to_create])
        for record, event in zip(to_create, events, strict=True):
            record.sudo().event_id = event
