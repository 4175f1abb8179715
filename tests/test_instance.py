import configparser
import json
import os
import stat
import subprocess
import tempfile
from unittest.mock import patch

import werkzeug.exceptions
import werkzeug.wrappers
from werkzeug.test import EnvironBuilder

import odoo
from odoo.tests import BaseCase, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.ir_http import set_form_memory_limit
from .common import ParcoursCommon

LIB = os.path.join(os.path.dirname(os.path.dirname(__file__)), "scripts", "lib.sh")


def run_command_config():
    """The configuration the README's run command writes, read back as Odoo would."""
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "odoo.conf")
    subprocess.run(["bash", "-c", f'source "{LIB}"; write_server_config "$1"', "-", path], check=True)
    parser = configparser.ConfigParser()
    parser.read(path)
    return path, dict(parser["options"])


@tagged("post_install", "-at_install")
class TestInstanceClosedByDefault(HttpCase):
    """An instance that holds social files is closed to strangers from its installation."""

    def test_nobody_signs_up(self):
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param("auth_signup.invitation_scope"), "b2b")
        self.assertEqual(self.url_open("/web/signup").status_code, 404)

    def test_run_command_disables_the_database_manager(self):
        path, options = run_command_config()
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600, "readable by its owner only")
        self.assertEqual(options["list_db"], "False")
        self.assertNotIn(options["admin_passwd"], ("admin", ""))
        self.assertGreaterEqual(len(options["admin_passwd"]), 32)
        # Written once: the password does not change between runs.
        subprocess.run(["bash", "-c", f'source "{LIB}"; write_server_config "$1"', "-", path], check=True)
        again = configparser.ConfigParser()
        again.read(path)
        self.assertEqual(again["options"]["admin_passwd"], options["admin_passwd"])
        with (
            patch.dict(odoo.tools.config.options, {"list_db": False, "admin_passwd": options["admin_passwd"]}),
            mute_logger("odoo.addons.web.controllers.database"),
        ):
            response = self.url_open(
                "/web/database/backup", data={"master_pwd": "admin", "name": self.env.cr.dbname, "backup_format": "zip"}
            )
            self.assertNotEqual(response.headers.get("Content-Type"), "application/octet-stream; charset=binary")
            self.assertFalse(response.content.startswith(b"PK"), "no database dump leaves the server")
            self.assertFalse(odoo.tools.config.verify_admin_password("admin"))


@tagged("post_install", "-at_install")
class TestJsonRpcAttacks(HttpCase, ParcoursCommon):
    """The same attacks through the web client's own routes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attacker = new_test_user(
            cls.env,
            login="test_attacker",
            groups="base.group_user,referent_parcours.group_parcours_user",
            context={"no_reset_password": True},
        )

    def _rpc(self, route, params):
        """Calls a JSON-RPC route; returns (result, error data) as the browser receives them."""
        body = json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}).encode()
        answer = self.url_open(route, body, headers={"Content-Type": "application/json"}).json()
        return answer.get("result"), answer.get("error", {}).get("data")

    def _call(self, model, method, args, kwargs=None):
        return self._rpc(
            "/web/dataset/call_kw", {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        )

    def test_a_professional_cannot_grant_themselves_a_situation(self):
        self.authenticate("test_attacker", "test_attacker")
        vals = {"case_id": self.case.id, "partner_id": self.attacker.partner_id.id, "structure_id": self.structure_a.id}
        for extra in ({}, {"is_proposer": True}):
            with self.subTest(extra=extra):
                result, error = self._call("parcours.intervenant", "create", [{**vals, **extra}])
                self.assertFalse(result)
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
                self.assertNotIn(self.person.name, error["message"])
                self.assertNotIn(self.case.name, error["message"])
        self.assertFalse(self.case.intervenant_ids.filtered(lambda i: i.partner_id == self.attacker.partner_id))
        result, error = self._call("parcours.case", "read", [self.case.ids, ["name"]])
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        result, error = self._call(
            "parcours.case", "message_subscribe", [self.case.ids], {"partner_ids": self.person.ids}
        )
        self.assertTrue(error)
        self.assertNotIn(self.person.name, error["message"])

    def test_subscription_data_of_someone_else_is_refused(self):
        follower = self.env["mail.followers"].search(
            [
                ("res_model", "=", "parcours.case"),
                ("res_id", "=", self.case.id),
                ("partner_id", "=", self.referent.partner_id.id),
            ]
        )
        self.assertTrue(follower)
        self.authenticate("test_attacker", "test_attacker")
        result, error = self._rpc("/mail/read_subscription_data", {"follower_id": follower.id})
        self.assertFalse(result)
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.authenticate("test_referent", "test_referent")
        result, error = self._rpc("/mail/read_subscription_data", {"follower_id": follower.id})
        self.assertTrue(result)

    def test_wizard_on_a_foreign_situation_is_refused(self):
        self.authenticate("test_attacker", "test_attacker")
        spec = {"case_id": {}, "current_referent_id": {"fields": {"display_name": {}}}}
        result, error = self._call("parcours.referent.designate", "onchange", [[], {"case_id": self.case.id}, [], spec])
        self.assertFalse(result)
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertNotIn(self.referent.name, error["message"])

    def test_a_portal_user_reaches_no_model_of_the_addon(self):
        self.authenticate("test_durand", "test_durand")
        vals = {"case_id": self.case.id, "partner_id": self.person.id, "structure_id": self.structure_a.id}
        for model, method, args in (
            ("parcours.intervenant", "create", [vals]),
            ("parcours.case", "search_read", [[], ["name"]]),
            ("parcours.person.space", "search_read", [[], ["name"]]),
            ("parcours.access.log", "search_read", [[], ["case_reference"]]),
            ("calendar.attendee", "search_read", [[], ["common_name"]]),
        ):
            with self.subTest(model=model, method=method):
                result, error = self._call(model, method, args)
                self.assertFalse(result)
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")


@tagged("post_install", "-at_install")
class TestFormLimit(BaseCase):
    """The upload routes' form limit reaches Werkzeug's request through Odoo's wrapper (models/ir_http.py)."""

    def test_the_limit_reaches_werkzeugs_request(self):
        environ = EnvironBuilder(method="POST", data={"name": "x" * 20}).get_environ()
        httprequest = odoo.http.HTTPRequest(environ)
        set_form_memory_limit(httprequest, 64 * 1024 * 1024)
        wrapped = httprequest._HTTPRequest__wrapped
        self.assertIsInstance(wrapped, werkzeug.wrappers.Request, "Odoo's wrapper still holds Werkzeug's request")
        self.assertEqual(wrapped.max_form_memory_size, 64 * 1024 * 1024)
        set_form_memory_limit(httprequest, 10)
        with self.assertRaises(werkzeug.exceptions.RequestEntityTooLarge):
            dict(httprequest.form)  # parsing the form applies the limit
