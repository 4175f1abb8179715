"""Load test of the daily screens against a local multi-worker Odoo (see README, "Load test").

Runs in its own virtual environment (locust pulls Werkzeug, gevent and greenlet versions that break Odoo):
    python3 -m venv /opt/locust-venv && /opt/locust-venv/bin/pip install locust
    /opt/locust-venv/bin/locust -f scripts/locustfile.py --headless -u 40 -r 10 -t 60s --reset-stats \
        --host http://127.0.0.1:8070
LOAD_THINK=0,0 with a few users measures the most the server serves (LOAD_DB names the database).

Three kinds of users, on the demo data: professionals open "My situations" and one situation's form (the
référent Claire Martin and the intervenant Julien Petit), the person opens her space (Sandrine Lefort), a
secretary opens her sessions and lays a session's agenda out again (Sandrine Dupuis). Point it at a throwaway
copy of the demo database: the secretary writes.
"""

import os
import random
import re

from locust import HttpUser, between, task

DB = os.environ.get("LOAD_DB", "load_demo")
# Think time between two actions of a user, in seconds ("0,0" measures the most the server serves).
THINK = [float(x) for x in os.environ.get("LOAD_THINK", "1,3").split(",")]
LIST_SPEC = {
    "name": {},
    "partner_id": {"fields": {"display_name": {}}},
    "site_id": {"fields": {"display_name": {}}},
    "referent_intervenant_id": {"fields": {"display_name": {}}},
    "date_entry": {},
    "intervenant_count": {},
    "referent_succession_due": {},
    "state": {},
}
FORM_SPEC = {
    **LIST_SPEC,
    "household_type": {},
    "sharing_in_force": {},
    "person_expectations": {},
    "intervenant_ids": {"fields": {"partner_id": {"fields": {"display_name": {}}}, "function": {}, "date_start": {}}},
    "member_ids": {"fields": {"lastname": {}, "firstname": {}, "relationship": {}}},
    "consent_ids": {"fields": {"consent_type": {}, "date": {}, "state": {}}},
}


class OdooUser(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    login = None

    def on_start(self):
        response = self.client.post(
            "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": DB, "login": self.login, "password": self.login},
            },
            name="login",
        )
        self.uid = response.json()["result"]["uid"]

    def call(self, model, method, args, kwargs=None, name=None):
        response = self.client.post(
            f"/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            },
            name=name or f"{model}.{method}",
        )
        return response.json().get("result")


class Professional(OdooUser):
    weight = 6

    def on_start(self):
        self.login = random.choice(["referent", "intervenant"])
        super().on_start()

    @task(3)
    def my_situations(self):
        # The domain of the "My situations" action (its default filters).
        domain = [
            ["intervenant_ids", "any", [["user_id", "=", self.uid], ["is_active", "=", True]]],
            ["state", "in", ["proposed", "accepted", "active"]],
        ]
        self.rows = (
            self.call(
                "parcours.case",
                "web_search_read",
                [],
                {
                    "domain": domain,
                    "specification": LIST_SPEC,
                    "limit": 80,
                },
                name="My situations",
            )
            or {}
        ).get("records", [])

    @task(2)
    def open_a_situation(self):
        rows = getattr(self, "rows", None)
        if rows:
            self.call(
                "parcours.case",
                "web_read",
                [[random.choice(rows)["id"]]],
                {"specification": FORM_SPEC},
                name="situation form",
            )


class Person(HttpUser):
    weight = 3
    wait_time = between(*THINK)

    def on_start(self):
        page = self.client.get("/web/login", name="login page").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.client.post(
            "/web/login",
            data={"login": "famille.lefort", "password": "famille.lefort", "csrf_token": token, "db": DB},
            name="login",
        )
        self.space = self.client.get("/my/parcours", name="my space").url.rstrip("/")

    @task(3)
    def summary(self):
        self.client.get(self.space, name="space: summary")

    @task(1)
    def plan(self):
        self.client.get(f"{self.space}/plan", name="space: my plan")

    @task(1)
    def commissions(self):
        self.client.get(f"{self.space}/commissions", name="space: my commissions")


class Secretary(OdooUser):
    weight = 1
    login = "secretariat"

    @task(2)
    def sessions(self):
        self.sessions = (
            self.call(
                "parcours.commission",
                "web_search_read",
                [],
                {
                    "domain": [["state", "in", ["planned", "invited"]]],
                    "specification": {"name": {}, "start": {}, "passage_count": {}, "state": {}},
                    "limit": 40,
                },
                name="sessions",
            )
            or {}
        ).get("records", [])

    @task(1)
    def lay_out_the_agenda(self):
        sessions = [s for s in getattr(self, "sessions", []) if s["passage_count"]]
        if sessions:
            session = random.choice(sessions)
            self.call(
                "parcours.commission",
                "web_read",
                [[session["id"]]],
                {
                    "specification": {
                        "name": {},
                        "agenda_passage_ids": {"fields": {"case_label": {}, "start": {}, "stop": {}}},
                    }
                },
                name="session agenda",
            )
            self.call("parcours.commission", "action_compute_slots", [[session["id"]]], name="schedule the session")
