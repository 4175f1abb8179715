import base64
from functools import partial

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ParcoursCommon

# Everyone who may try to widen who reads situation ``case``: its other professionals, professionals of both
# organisations who follow nothing, commission staff, managers, an administrator, an employee, the person.
ATTACKERS = (
    "pro",
    "ext",
    "pro_other",
    "ext_other",
    "secretary",
    "pilot",
    "manager",
    "manager_b",
    "admin",
    "employee",
    "portal",
)


@tagged("post_install", "-at_install")
class TestNeedToKnow(ParcoursCommon):
    """Each way into a situation that the person's consent does not open, tried as the attacker, refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._staff_site()
        cls.session = cls._create_session(days=20)
        cls.passage = cls.env["parcours.passage"].create({"case_id": cls.case.id, "commission_id": cls.session.id})
        cls.passage.invitee_ids = [Command.create({"partner_id": cls.pro_other.partner_id.id, "role": "expert"})]
        cls.expert = cls.pro_other
        cls.space = (
            cls.env["parcours.person.space"]
            .with_user(cls.referent)
            .create({"case_id": cls.case.id, "partner_id": cls.person.id})
        )
        cls.space.sudo().write({"user_id": cls.portal.id})
        cls.space._sync_followers()
        cls.request = (
            cls.env["parcours.portal.request"]
            .sudo()
            .create(
                {
                    "case_id": cls.case.id,
                    "space_id": cls.space.id,
                    "partner_id": cls.person.id,
                    "request_type": "add",
                    "professional_name": "Madame Roux",
                }
            )
        )
        cls.note = cls.case.message_post(
            body="Dettes de loyer, expulsion possible", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        cls.file = cls.env["ir.attachment"].create(
            {
                "name": "bilan.txt",
                "datas": base64.b64encode(b"Bilan confidentiel"),
                "res_model": "parcours.case",
                "res_id": cls.case.id,
            }
        )
        cls.refused_case = cls._create_case(cls.env["res.partner"].create({"name": "Famille Vasseur"}), [cls.pro])
        cls.refused_case.write({"state": "refused"})

    def _user(self, role):
        return getattr(self, role)

    # 1. Nobody grants themselves a situation -------------------------------------------------------

    def test_nobody_adds_themselves_to_an_accompaniment_list(self):
        lines_before = self.env["parcours.intervenant"].search_count([])
        for role in ATTACKERS + ("referent",):
            user = self._user(role)
            for case in (self.case, self.other_case, self.refused_case):
                vals = {"case_id": case.id, "partner_id": user.partner_id.id, "structure_id": self.structure_a.id}
                with self.subTest(role=role, case=case.name):
                    Intervenant = self.env["parcours.intervenant"].with_user(user)
                    self._refused(partial(Intervenant.create, vals), (AccessError, ValidationError))
                    self._refused(
                        partial(Intervenant.create, {**vals, "is_proposer": True}), (AccessError, ValidationError)
                    )
                    self._refused(
                        partial(case.with_user(user).write, {"intervenant_ids": [Command.create(vals)]}),
                        (AccessError, ValidationError),
                    )
        self.assertEqual(self.env["parcours.intervenant"].search_count([]), lines_before)
        self.assertInvisible(self.pro_other, self.case)

    def test_import_and_copy_are_the_same_door(self):
        line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        result = (
            self.env["parcours.intervenant"]
            .with_user(self.pro_other)
            .load(
                ["case_id/.id", "partner_id/.id", "structure_id/.id"],
                [[str(self.case.id), str(self.pro_other.partner_id.id), str(self.structure_a.id)]],
            )
        )
        self.assertFalse(result["ids"], "an import is a create: refused")
        self._refused(lambda: line.with_user(self.pro).copy({"case_id": self.other_case.id}))
        self._refused(lambda: line.with_user(self.pro).copy({"partner_id": self.pro_other.partner_id.id}))
        self._refused(lambda: self.case.with_user(self.pro).copy(), (UserError,))

    def test_existing_lines_are_not_turned_into_access(self):
        own = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        theirs = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)
        self._refused(lambda: own.with_user(self.pro).write({"case_id": self.other_case.id}))
        self._refused(lambda: own.with_user(self.pro).write({"is_proposer": True}))
        self._refused(lambda: own.with_user(self.pro).write({"date_end": False, "date_start": fields.Date.today()}))
        self._refused(lambda: theirs.with_user(self.pro).write({"partner_id": self.pro_other.partner_id.id}))
        self._refused(lambda: theirs.with_user(self.pro).write({"user_id": self.pro.id}))
        self._refused(lambda: theirs.with_user(self.pro).action_end())
        # A professional may end their own intervention, never extend it.
        own.with_user(self.pro).write({"date_end": fields.Date.add(fields.Date.today(), days=10)})
        self._refused(
            lambda: own.with_user(self.pro).write({"date_end": fields.Date.add(fields.Date.today(), days=20)})
        )
        # The référent adds the professional the person agrees to, and ends a line.
        self.env["parcours.intervenant"].with_user(self.referent).create(
            self._intervenant_vals(self.ext_other, case_id=self.case.id)
        )
        self.assertVisible(self.ext_other, self.case)
        theirs.with_user(self.referent).action_end()
        self.assertInvisible(self.ext, self.case)

    def test_entitlement_grid(self):
        """Designations, consents, refused subjects and spaces: who answers the person, or an administrator."""
        pro_line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        health = self.env["parcours.refused.subject"].create(
            {"case_id": self.case.id, "domain_id": self.domain_health.id}
        )
        current = self.case.referent_designation_ids

        def designate(user):
            wizard = (
                self.env["parcours.referent.designate"]
                .with_user(user)
                .create({"case_id": self.case.id, "intervenant_id": pro_line.id, "end_reason": "person_choice"})
            )
            wizard.action_designate()

        attacks = {
            "designation": designate,
            "designation_direct": lambda user: self.env["parcours.referent"]
            .with_user(user)
            .create({"case_id": self.case.id, "intervenant_id": pro_line.id}),
            "designation_end": lambda user: current.with_user(user).write(
                {"date_end": fields.Date.today(), "end_reason": "other"}
            ),
            "consent": lambda user: self.env["parcours.consent"]
            .with_user(user)
            .create({"case_id": self.case.id, "consent_type": "share"}),
            "refusal_lifted": lambda user: health.with_user(user).write({"active": False}),
            "refusal_widened": lambda user: health.with_user(user).write(
                {"allowed_intervenant_ids": [Command.link(pro_line.id)]}
            ),
            "refusal_deleted": lambda user: health.with_user(user).unlink(),
            "space": lambda user: self.env["parcours.person.space"]
            .with_user(user)
            .create({"case_id": self.case.id, "partner_id": self.other_person.id}),
            "space_moved": lambda user: self.space.with_user(user).write({"user_id": user.id}),
            "space_reopened": lambda user: self.space.with_user(user).write(
                {"state": "active", "partner_id": self.person.id}
            ),
        }
        allowed = {
            "designation": {"referent", "admin"},
            "designation_direct": set(),
            "designation_end": {"referent", "admin"},
            "consent": {"referent"},
            "refusal_lifted": {"referent", "admin"},
            "refusal_widened": {"referent", "admin"},
            "refusal_deleted": {"admin"},
            "space": set(),
            "space_moved": set(),
            "space_reopened": set(),
        }
        # An administrator of the addon hands over during an exceptional access, like any manager reads.
        self._open_exceptionally(self.admin, self.case)
        for name, attack in attacks.items():
            for role in ATTACKERS + ("referent",):
                user = self._user(role)
                with self.subTest(attack=name, role=role):
                    if role in allowed[name]:
                        with self.env.cr.savepoint(flush=False) as savepoint:
                            attack(user)
                            self.env.flush_all()
                            savepoint.rollback()
                        self.env.invalidate_all()
                    else:
                        self._refused(partial(attack, user), (AccessError, UserError, ValidationError))

    def test_proposer_is_set_by_the_system(self):
        person = self.env["res.partner"].create({"name": "Madame Lenoir"})
        case = (
            self.env["parcours.case"]
            .with_user(self.pro_other)
            .create(
                {
                    "partner_id": person.id,
                    "site_id": self.site.id,
                    "intervenant_ids": [
                        Command.create(
                            {
                                "partner_id": self.pro_other.partner_id.id,
                                "is_proposer": False,
                                "accompaniment": "Accompagnement social",
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(case.intervenant_ids.user_id, self.pro_other)
        self.assertTrue(case.intervenant_ids.is_proposer)
        self.assertEqual(case.intervenant_ids.accompaniment, "Accompagnement social")
        other = self.env["res.partner"].create({"name": "Monsieur Noir"})
        self._refused(
            lambda: self.env["parcours.case"]
            .with_user(self.pro_other)
            .create(
                {
                    "partner_id": other.id,
                    "site_id": self.site.id,
                    "intervenant_ids": [
                        Command.create({"partner_id": self.ext_other.partner_id.id, "is_proposer": True})
                    ],
                }
            )
        )
        # Another organisation's contact hidden from the caller cannot be chosen, nor another organisation.
        self._refused(
            lambda: self.env["parcours.case"]
            .with_user(self.pro_other)
            .create({"partner_id": self.person.id, "site_id": self.site.id})
        )
        self._refused(
            lambda: self.env["parcours.case"]
            .with_user(self.pro_other)
            .create({"partner_id": person.id, "site_id": self.site.id, "company_id": self.company_b.id})
        )
        self._refused(
            lambda: case.member_ids.with_user(self.pro_other).create(
                {"case_id": case.id, "lastname": "X", "firstname": "Y", "partner_id": self.person.id}
            )
        )

    # 2. Error messages name only what the caller may read ---------------------------------------------

    def test_refusals_name_nothing(self):
        secrets = (self.person.name, self.other_person.name, self.case.name, self.other_case.name)
        for role in ("portal", "employee", "pro_other", "secretary"):
            with self.subTest(role=role):
                try:
                    with self.env.cr.savepoint():
                        self.case.with_user(self._user(role)).message_subscribe(
                            partner_ids=(self.person | self.other_person).ids
                        )
                except (AccessError, UserError) as error:
                    message = str(error)
                else:
                    self.fail("subscribing others to a situation one does not follow went through")
                for secret in secrets:
                    self.assertNotIn(secret, message)
        with self.assertRaises(UserError) as caught:
            self.case.with_user(self.referent).message_subscribe(
                partner_ids=(self.person | self.pro_other.partner_id).ids
            )
        self.assertIn("2 of the contacts", str(caught.exception))
        for secret in secrets:
            self.assertNotIn(secret, str(caught.exception))

    # 3. Calendar attendees of a passage --------------------------------------------------------------

    def test_passage_attendees_follow_the_passage(self):
        event = self.passage.event_id
        self.assertIn(self.person, event.sudo().attendee_ids.partner_id)
        self.assertFalse(event.sudo().message_partner_ids & self.person, "the family does not follow the event")
        for role in ("employee", "ext_other", "manager_b", "pro_other"):
            user = self._user(role)
            with self.subTest(role=role):
                Attendee = self.env["calendar.attendee"].with_user(user)
                found = Attendee.search_read([("event_id", "=", event.id)], ["partner_id", "common_name", "email"])
                names = {row["common_name"] for row in found}
                self.assertNotIn(self.person.name, names)
                if role != "pro_other":
                    self.assertFalse(found)
                else:
                    self.assertEqual(names, {self.pro_other.name}, "an invited expert reads their own attendance")
                groups = Attendee.read_group([], ["partner_id"], ["partner_id"])
                self.assertNotIn(self.person.id, [g["partner_id"] and g["partner_id"][0] for g in groups])
                self.assertFalse(Attendee.name_search(self.person.name))
                self.assertFalse(
                    self.env["calendar.event"].with_user(user).search([("attendee_ids.common_name", "ilike", "Durand")])
                )
                with self.assertRaises(AccessError):
                    event.sudo().attendee_ids.filtered(lambda a: a.partner_id == self.person).with_user(user).read(
                        ["email"]
                    )
        for role in ("referent", "ext", "secretary", "pilot"):
            with self.subTest(role=role):
                names = (
                    self.env["calendar.attendee"]
                    .with_user(self._user(role))
                    .search([("event_id", "=", event.id)])
                    .mapped("common_name")
                )
                self.assertIn(self.person.name, names)

    # 4. Followers and 5. notifications ---------------------------------------------------------------

    def test_followers_and_notifications_stay_with_their_record(self):
        self.space.with_user(self.portal).sudo()._post_from_person("Bonjour")
        # Those who read neither the space, the request nor the situation's file: their own subscriptions only.
        for role in ("employee", "manager", "pro_other", "ext_other", "secretary", "pilot"):
            user = self._user(role)
            with self.subTest(role=role):
                Followers = self.env["mail.followers"].with_user(user)
                for record in (self.space, self.request, self.case):
                    found = Followers.search([("res_model", "=", record._name), ("res_id", "=", record.id)])
                    self.assertFalse(found - Followers.search([("partner_id", "=", user.partner_id.id)]))
                notifications = (
                    self.env["mail.notification"]
                    .with_user(user)
                    .search_read(
                        [("mail_message_id.model", "in", ("parcours.person.space", "parcours.case"))],
                        ["res_partner_id"],
                    )
                )
                self.assertFalse([n for n in notifications if n["res_partner_id"][0] != user.partner_id.id])
        self.assertTrue(
            self.env["mail.followers"]
            .with_user(self.referent)
            .search([("res_model", "=", "parcours.person.space"), ("res_id", "=", self.space.id)])
        )
        self.assertTrue(
            self.env["mail.notification"]
            .with_user(self.referent)
            .search([("mail_message_id.model", "=", "parcours.person.space")])
        )

    # 6. Wizards --------------------------------------------------------------------------------------

    def test_every_wizard_checks_what_it_is_opened_on(self):
        wizards = self.env["ir.model"].search([("transient", "=", True), ("model", "=like", "parcours.%")])
        self.assertGreaterEqual(len(wizards), 10)
        for model in wizards.mapped("model"):
            with self.subTest(model=model):
                self.assertIn(
                    "parcours.wizard.mixin", self.env[model]._inherit, "every assistant of the addon checks access"
                )
        consent = self.case.consent_ids[:1]
        releve = self.env["parcours.releve"].create({"passage_id": self.passage.id})
        opened_on = {
            "parcours.referent.designate": {"case_id": self.case.id},
            "parcours.consent.withdraw": {"consent_id": consent.id},
            "parcours.passage.postpone": {"passage_id": self.passage.id, "reason": "x"},
            "parcours.releve.amend": {"releve_id": releve.id, "reason": "x"},
            "parcours.space.grant": {"case_id": self.case.id},
            "parcours.commission.cancel": {"commission_id": self.session.id, "reason": "x"},
        }
        for model, vals in opened_on.items():
            for role in ("ext_other", "manager_b", "employee"):
                user = self._user(role)
                with self.subTest(model=model, role=role):
                    Wizard = self.env[model].with_user(user)
                    self._refused(partial(Wizard.create, vals))
                    context = {f"default_{fname}": value for fname, value in vals.items()}
                    self._refused(partial(Wizard.with_context(**context).default_get, list(vals)))
                    self._refused(partial(Wizard.onchange, vals, [], {fname: {} for fname in vals}))
        # The people entitled still open them.
        wizard = Form(
            self.env["parcours.referent.designate"].with_user(self.referent).with_context(default_case_id=self.case.id)
        )
        self.assertEqual(wizard.current_referent_id, self.case.referent_intervenant_id)

    # 7. The commission file --------------------------------------------------------------------------

    def test_commission_staff_read_what_the_commission_needs(self):
        self.env["parcours.refused.subject"].create(
            {"case_id": self.case.id, "domain_id": self.domain_health.id, "note": "Ne veut pas parler de sa santé"}
        )
        request = self.env["parcours.passage"].create({"case_id": self.other_case.id})
        for role in ("pilot", "secretary"):
            user = self._user(role)
            with self.subTest(role=role):
                # What the commission needs.
                for records in (
                    self.case,
                    self.passage,
                    self.case.member_ids,
                    self.case.intervenant_ids,
                    self.passage.invitee_ids,
                ):
                    self.assertVisible(user, records)
                self.assertEqual(self.passage.with_user(user).refused_domain_ids, self.domain_health)
                # Nothing else of the situation's file.
                Message = self.env["mail.message"].with_user(user)
                self.assertFalse(Message.search([("model", "=", "parcours.case"), ("res_id", "=", self.case.id)]))
                with self.assertRaises(AccessError):
                    self.note.with_user(user).read(["body"])
                self.assertFalse(self.env["ir.attachment"].with_user(user).search([("id", "=", self.file.id)]))
                with self.assertRaises(AccessError):
                    self.file.with_user(user).read(["datas"])
                self.assertInvisible(user, self.person, "the contact and its notes")
                self.assertInvisible(user, self.case.consent_ids)
                self.assertInvisible(user, self.case.refused_subject_ids)
                self.assertFalse(
                    self.env["mail.activity"].with_user(user).search([("res_model", "=", "parcours.case")])
                )
                # A request not yet scheduled: the household's name and reference only.
                self.assertVisible(user, request)
                self.assertEqual(request.with_user(user).case_label, request.case_label)
                self.assertInvisible(user, request.invitee_ids)
                self.assertInvisible(user, self.other_case.intervenant_ids)
                self.assertInvisible(user, self.other_case)
        # An invited expert reads their passage and who else comes, nothing of the file, no other letter.
        self.session._send_invitations()
        self.assertVisible(self.expert, self.passage)
        self.assertInvisible(self.expert, self.case)
        letters = self.passage.invitee_ids.letter_id
        self.assertEqual(
            self.env["ir.attachment"].with_user(self.expert).search([("id", "in", letters.ids)]),
            self.env["ir.attachment"],
            "not even their own, which they received by e-mail",
        )
        self.assertEqual(
            self.env["ir.attachment"].with_user(self.secretary).search([("id", "in", letters.ids)]), letters
        )

    # 8. Managers read, never write ----------------------------------------------------------------------

    def test_managers_read_never_write(self):
        self.session._send_invitations()
        letter = self.passage.invitee_ids.letter_id[:1]
        records = {
            self.case: {"person_expectations": "Changé"},
            self.case.intervenant_ids[:1]: {"function": "Changé"},
            self.case.consent_ids[:1]: {"scope": "Changé"},
            self.case.member_ids: {"activity": "Changé"},
        }
        self._open_exceptionally(self.manager, self.case)
        for record, vals in records.items():
            with self.subTest(model=record._name):
                self.assertVisible(self.manager, record)
                self._refused(partial(record.with_user(self.manager).write, vals))
        self._refused(lambda: self.file.with_user(self.manager).unlink())
        self._refused(lambda: letter.with_user(self.manager).unlink())
        self._refused(lambda: self.case.with_user(self.manager).unlink())
        self._refused(
            lambda: self.env["parcours.consent"]
            .with_user(self.manager)
            .create({"case_id": self.case.id, "consent_type": "share"})
        )

    # 9. Household member search ------------------------------------------------------------------------

    def test_household_member_search_answers_at_once(self):
        Member = self.env["parcours.case.member"].with_user(self.pro)
        Member.name_search("Léa")
        with self.assertQueryCount(1):
            found = Member.name_search("Léa Dur")
        self.assertEqual([row[0] for row in found], self.case.member_ids.ids)
        self.assertEqual(Member.search([("display_name", "ilike", "léa dur")]), self.case.member_ids)
        self.assertFalse(self.env["parcours.case.member"].with_user(self.pro_other).name_search("Léa Durand"))

    # Found by an attacker's audit, each refused now ----------------------------------------------------

    def test_computed_values_and_states_are_not_written_by_clients(self):
        pro_line = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.pro)
        attacks = [
            (pro_line, {"is_referent": True}),
            (self.case, {"referent_intervenant_id": pro_line.id}),
            (self.case, {"sharing_in_force": True}),
            (self.case, {"state": "closed"}),
            (self.passage, {"state": "held"}),
            (self.session, {"date_closed": fields.Date.today()}),
            (self.session, {"access_end_date": "2099-12-31"}),
            (self.session, {"state": "planned"}),
        ]
        for record, vals in attacks:
            for user in (self.pro, self.referent, self.secretary, self.pilot):
                with self.subTest(model=record._name, vals=vals, user=user.login):
                    self._refused(partial(record.with_user(user).write, vals), (AccessError,))
        self.assertFalse(pro_line.is_referent)
        self._refused(
            lambda: self.env["parcours.case"]
            .with_user(self.pro)
            .create(
                {
                    "partner_id": self.env["res.partner"].create({"name": "X"}).id,
                    "site_id": self.site.id,
                    "state": "active",
                }
            )
        )

    def test_a_signed_record_cannot_be_set_back_to_draft(self):
        releve = self.env["parcours.releve"].browse(
            self.passage.with_user(self.secretary).action_open_releve()["res_id"]
        )
        releve.write({"objective_ids": [Command.create({"domain_id": self.domain_housing.id, "name": "Logement"})]})
        for signature in releve.signature_ids:
            signature.refused = True
        releve.with_user(self.secretary).action_validate()
        for user in (self.pro, self.secretary, self.referent):
            with self.subTest(user=user.login):
                self._refused(partial(releve.with_user(user).write, {"state": "draft"}))
        self._refused(lambda: releve.projet_id.with_user(self.referent).write({"state": "draft"}))
        self._refused(
            lambda: self.env["parcours.releve"]
            .with_user(self.secretary)
            .create({"passage_id": self.passage.id, "state": "validated"})
        )

    def test_staff_cannot_take_another_session(self):
        other_pilot = self.env["res.users"].create(
            {
                "login": "test_pilot_two",
                "name": "Pilote Deux",
                "groups_id": [Command.set(self.env.ref("referent_parcours.group_parcours_pilot").ids)],
            }
        )
        self._refused(lambda: self.session.with_user(other_pilot).write({"pilot_id": other_pilot.id}))
        self.assertInvisible(other_pilot, self.case)

    def test_links_point_only_to_what_one_may_read(self):
        foreign_goal = self.env["parcours.objective"].create(
            {
                "projet_id": self.env["parcours.projet"].create({"case_id": self.case.id}).id,
                "domain_id": self.domain_housing.id,
                "name": "Retour au collège",
            }
        )
        own_case = (
            self.env["parcours.case"]
            .with_user(self.pro_other)
            .create(
                {"partner_id": self.env["res.partner"].create({"name": "Madame Vidal"}).id, "site_id": self.site.id}
            )
        )
        own_plan = self.env["parcours.projet"].with_user(self.pro_other).create({"case_id": own_case.id})
        self._refused(
            lambda: self.env["parcours.projet.step"]
            .with_user(self.pro_other)
            .create({"projet_id": own_plan.id, "name": "Étape", "objective_id": foreign_goal.id})
        )
        session = self._create_session(days=25)
        own_passage = self.env["parcours.passage"].with_user(self.pro_other).create({"case_id": own_case.id})
        self._refused(
            lambda: self.env["parcours.passage.invitee"]
            .with_user(self.pro_other)
            .create({"passage_id": own_passage.id, "partner_id": self.person.id, "role": "expert"})
        )
        self._refused(
            lambda: own_passage.with_user(self.pro_other).write(
                {"invitee_ids": [Command.create({"partner_id": self.person.id, "role": "expert"})]}
            )
        )
        del session

    def test_reports_check_their_records_first(self):
        projet = self.env["parcours.projet"].create({"case_id": self.case.id})
        for report in (
            "referent_parcours.action_report_parcours_diagnostic",
            "referent_parcours.action_report_parcours_projet",
        ):
            with self.subTest(report=report):
                render = self.env["ir.actions.report"].with_user(self.pro_other)._render_qweb_html
                self._refused(partial(render, report, projet.ids))

    def test_activities_stay_in_the_file(self):
        self.case.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.referent.id, summary="Appeler le bailleur"
        )
        for user in (self.pilot, self.secretary):
            with self.subTest(user=user.login):
                data = self.case.with_user(user).read(["activity_summary", "activity_user_id", "activity_type_id"])[0]
                self.assertFalse(data["activity_summary"])
                self.assertFalse(data["activity_user_id"])
                self.assertFalse(data["activity_type_id"])
        self.env.invalidate_all()  # each user reads in their own request
        self.assertEqual(
            self.case.with_user(self.ext).read(["activity_summary"])[0]["activity_summary"], "Appeler le bailleur"
        )

    def test_a_line_on_a_refused_subject_stays_on_it(self):
        projet = self.env["parcours.projet"].create({"case_id": self.case.id})
        goal = (
            self.env["parcours.objective"]
            .with_user(self.referent)
            .create({"projet_id": projet.id, "domain_id": self.domain_health.id, "name": "Suivi au CMP"})
        )
        refusal = self.env["parcours.refused.subject"].create(
            {"case_id": self.case.id, "domain_id": self.domain_health.id}
        )
        refusal.allowed_intervenant_ids = self.case.intervenant_ids.filtered(lambda i: i.user_id == self.ext)
        self.assertInvisible(self.pro, goal)
        self._refused(lambda: goal.with_user(self.ext).write({"domain_id": self.domain_housing.id}))
        self._refused(lambda: goal.with_user(self.ext).write({"refused_subject_id": False}))
        self.assertInvisible(self.pro, goal)
        self._refused(
            lambda: self.env["parcours.note"]
            .with_user(self.pro)
            .create({"case_id": self.case.id, "subject": "x", "author_id": self.ext.id})
        )

    def test_an_expert_does_not_read_the_familys_address(self):
        family = self.passage.invitee_ids.filtered(lambda i: i.role == "person")
        self.assertFalse(family.with_user(self.expert).read(["email"])[0]["email"])
        self.assertEqual(family.with_user(self.referent).read(["email"])[0]["email"], self.person.email)
        self.assertEqual(family.with_user(self.secretary).read(["email"])[0]["email"], self.person.email)

    def test_an_accompanied_person_stays_hidden(self):
        # A professional who may edit contacts (Odoo's "Contact Creation") follows the family.
        self.referent.groups_id = [Command.link(self.env.ref("base.group_partner_manager").id)]
        self.person.with_user(self.referent).write({"phone": "03 21 00 00 00"})
        self._refused(lambda: self.person.with_user(self.referent).write({"parcours_is_person": False}))
        child = (
            self.env["res.partner"].with_user(self.referent).sudo().create({"name": "Tom", "parent_id": self.person.id})
        )
        self.assertTrue(child.parcours_is_person)
        self.assertFalse(self.env["res.partner"].with_user(self.employee).search([("id", "=", child.id)]))
