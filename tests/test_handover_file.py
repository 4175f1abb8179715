from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .test_portal import PortalData


@tagged("post_install", "-at_install")
class TestHandoverFile(PortalData):
    """Found by attacking issue 15: the hand-over reading opens the situation, never its file, and nobody hands a
    situation over to themselves."""

    def _hand_over(self, manager, departing, successor):
        wizard = Form(self.env["parcours.referent.handover"].with_user(manager))
        wizard.departing_user_id = departing
        wizard.successor_user_id = successor
        return wizard.save()

    def test_a_manager_does_not_hand_a_situation_over_to_themselves(self):
        self.assertInvisible(self.manager, self.case)
        wizard = self._hand_over(self.manager, self.referent, self.manager)
        with self.assertRaises(UserError):
            wizard.action_handover()
        self.env.invalidate_all()
        self.assertInvisible(self.manager, self.case, "no exceptional access, no reading")
        self.assertFalse(self.case.with_user(self.manager).access_answering)

    def test_the_former_referent_reads_but_neither_follows_nor_writes_the_file(self):
        self.case.sudo().company_id.parcours_handover_days = 30
        self._hand_over(self.manager, self.referent, self.pro_other).action_handover()
        self.env.invalidate_all()
        self.assertTrue(self.case.with_user(self.referent).access_handover)
        self.assertVisible(self.referent, self.case)
        self.assertNotIn(self.referent.partner_id, self.case.sudo().message_partner_ids, "no longer a follower")
        message = self.case.with_user(self.pro).message_post(
            body="Après le départ", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertNotIn(
            self.referent.partner_id, message.sudo().notification_ids.res_partner_id, "not notified of the file"
        )
        with self.assertRaises(AccessError):
            self.case.with_user(self.referent).message_post(
                body="Pendant la passation", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        # Neither the pilot who reads the situation on the agenda.
        with self.assertRaises(AccessError):
            self.case.with_user(self.pilot).message_post(body="Note du pilote", message_type="comment")
