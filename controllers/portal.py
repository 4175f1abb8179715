import base64

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.parcours_document import DOCUMENT_TYPES, MAX_SIZE_MB

FLASH_KEY = "parcours_flash"
# What the upload route reads before refusing with a clear message (the document limit is far lower).
UPLOAD_REQUEST_LIMIT = 64 * 1024 * 1024
CONSENT_ORDER = {"join": 0, "share": 1, "commission": 2}
SHARE_CHOICES = {"private", "referent", "team"}


class ParcoursPortal(CustomerPortal):
    """The person's own space: every route finds the space of the logged-in user, never trusts an id.

    What a space shows and what its person may change are decided by ``parcours.person.space`` (its
    ``_visible_*``, ``_find`` and action methods); the routes find the space, parse the forms, render and
    wrap each change so that a refusal comes back with what the person typed.
    """

    # ------------------------------------------------------------------
    # Access helpers
    # ------------------------------------------------------------------

    def _my_spaces(self):
        return request.env["parcours.person.space"]._of_current_user()

    def _space(self, space_id):
        """The open space of the logged-in user with that id, or a 404 (the same for someone else's)."""
        space = self._my_spaces().filtered(lambda s: s.id == space_id)
        if not space:
            raise NotFound()
        return space

    def _space_record(self, space, model, record_id, domain=()):
        """A record of the space's situation, or a 404."""
        record = space._find(model, record_id, domain)
        if not record:
            raise NotFound()
        return record

    def _flash(self, message, kind="success", **values):
        request.session[FLASH_KEY] = {"message": message, "kind": kind, **values}

    def _attempt(self, action, success, form=None):
        """Runs one change of the person's: a refusal rolls it back whole and comes back with what they typed."""
        try:
            with request.env.cr.savepoint():
                action()
        except (UserError, ValidationError) as error:
            self._flash(error.args[0], "danger", form=form or {})
        else:
            self._flash(success)

    def _render(self, template, space, page, **values):
        flash = request.session.pop(FLASH_KEY, None) or {}
        return request.render(
            template,
            {
                **self._prepare_portal_layout_values(),
                "space": space,
                "case": space.case_id,
                "page_name": page,
                "flash": flash,
                "today": fields.Date.context_today(space),
                **values,
            },
        )

    def _redirect(self, space, section=""):
        return request.redirect(f"/my/parcours/{space.id}{section}")

    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "parcours_count" in counters:
            values["parcours_count"] = len(self._my_spaces())
        return values

    @http.route("/my/parcours", type="http", auth="user", website=True)
    def parcours_spaces(self, **kw):
        spaces = self._my_spaces()
        if len(spaces) == 1:
            return self._redirect(spaces)
        return request.render(
            "referent_parcours.portal_parcours_spaces",
            {**self._prepare_portal_layout_values(), "spaces": spaces, "page_name": "parcours"},
        )

    @http.route("/my/parcours/<int:space_id>", type="http", auth="user", website=True)
    def parcours_home(self, space_id, **kw):
        space = self._space(space_id)
        return self._render("referent_parcours.portal_parcours_home", space, "parcours_home", **space._home_summary())

    # ------------------------------------------------------------------
    # Accompaniment list
    # ------------------------------------------------------------------

    @http.route("/my/parcours/<int:space_id>/professionals", type="http", auth="user", website=True)
    def parcours_professionals(self, space_id, **kw):
        space = self._space(space_id)
        return self._render(
            "referent_parcours.portal_parcours_professionals",
            space,
            "parcours_professionals",
            intervenants=space.case_id.intervenant_ids.filtered("is_active"),
            requests=request.env["parcours.portal.request"].sudo().search([("space_id", "=", space.id)]),
        )

    @http.route(
        "/my/parcours/<int:space_id>/professionals/request", type="http", auth="user", website=True, methods=["POST"]
    )
    def parcours_professionals_request(
        self, space_id, request_type=None, intervenant_id=None, professional_name=None, service=None, message=None, **kw
    ):
        space = self._space(space_id)
        vals = {
            "request_type": request_type,
            "message": (message or "").strip()[:2000],
        }
        if request_type == "stop":
            intervenant = self._space_record(
                space, "parcours.intervenant", _int(intervenant_id), [("is_active", "=", True)]
            )
            vals["intervenant_id"] = intervenant.id
        elif request_type == "add":
            vals.update({"professional_name": (professional_name or "").strip(), "service": (service or "").strip()})
        else:
            raise NotFound()
        self._attempt(
            lambda: space._send_request(vals),
            request.env._("Your request is sent to your référent, who will answer you here."),
            form=vals,
        )
        return self._redirect(space, "/professionals")

    # ------------------------------------------------------------------
    # Consents
    # ------------------------------------------------------------------

    @http.route("/my/parcours/<int:space_id>/consents", type="http", auth="user", website=True)
    def parcours_consents(self, space_id, **kw):
        space = self._space(space_id)
        case = space.case_id
        return self._render(
            "referent_parcours.portal_parcours_consents",
            space,
            "parcours_consents",
            consents=case.consent_ids.sorted(lambda c: (c.state != "in_force", CONSENT_ORDER[c.consent_type], c.date)),
            refused_subjects=case.refused_subject_ids,
            principal=space._is_principal(),
            refusable_domains=space._refusable_domains(),
        )

    @http.route("/my/parcours/<int:space_id>/consents/refuse", type="http", auth="user", website=True, methods=["POST"])
    def parcours_subject_refuse(self, space_id, domain_id=None, note=None, **kw):
        space = self._space(space_id)
        note = (note or "").strip()
        self._attempt(
            lambda: space._refuse_subject(_int(domain_id), note),
            request.env._("This subject will no longer be shared or discussed. Your référent is informed."),
            form={"domain_id": domain_id or "", "note": note},
        )
        return self._redirect(space, "/consents")

    @http.route(
        "/my/parcours/<int:space_id>/consents/<int:consent_id>/withdraw",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def parcours_consent_withdraw(self, space_id, consent_id, confirm=None, reason=None, **kw):
        space = self._space(space_id)
        consent = self._space_record(space, "parcours.consent", consent_id, [("withdrawal_date", "=", False)])
        if request.httprequest.method == "GET":
            return self._render(
                "referent_parcours.portal_parcours_consent_withdraw", space, "parcours_consents", consent=consent
            )
        if not confirm:
            self._flash(request.env._("Tick the box to confirm that you withdraw this agreement."), "danger")
            return self._redirect(space, f"/consents/{consent.id}/withdraw")
        self._attempt(
            lambda: consent._withdraw_from_space(space, (reason or "").strip()[:2000]),
            request.env._("Your agreement is withdrawn from today. Your référent is informed."),
        )
        return self._redirect(space, "/consents")

    # ------------------------------------------------------------------
    # Commissions
    # ------------------------------------------------------------------

    @http.route("/my/parcours/<int:space_id>/commissions", type="http", auth="user", website=True)
    def parcours_commissions(self, space_id, **kw):
        space = self._space(space_id)
        now = fields.Datetime.now()
        passages = space._visible_passages()
        upcoming = passages.filtered(lambda p: p.state == "scheduled" and p.start and p.start >= now).sorted("start")
        return self._render(
            "referent_parcours.portal_parcours_commissions",
            space,
            "parcours_commissions",
            upcoming=upcoming,
            past=passages - upcoming,
            releves=space._visible_releves(),
            my_invitee={p.id: p.invitee_ids.filtered(lambda i: i.partner_id == space.partner_id) for p in passages},
        )

    @http.route(
        "/my/parcours/<int:space_id>/commissions/<int:passage_id>/answer",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def parcours_commission_answer(self, space_id, passage_id, answer=None, **kw):
        space = self._space(space_id)
        passage = self._space_record(
            space, "parcours.passage", passage_id, [("state", "=", "scheduled"), ("start", ">=", fields.Datetime.now())]
        )
        if answer not in ("accepted", "declined", "tentative"):
            raise NotFound()
        if not passage.invitee_ids.filtered(lambda i: i.partner_id == space.partner_id):
            raise NotFound()
        if not space._answer_invitation(passage, answer):
            self._flash(
                request.env._("Your invitation is not ready yet: try again tomorrow or call your référent."), "danger"
            )
            return self._redirect(space, "/commissions")
        self._flash(request.env._("Thank you: your answer is recorded."))
        return self._redirect(space, "/commissions")

    # ------------------------------------------------------------------
    # Plan and decision records
    # ------------------------------------------------------------------

    @http.route("/my/parcours/<int:space_id>/plan", type="http", auth="user", website=True)
    def parcours_plan(self, space_id, **kw):
        space = self._space(space_id)
        projet = space._visible_projet()
        return self._render(
            "referent_parcours.portal_parcours_plan",
            space,
            "parcours_plan",
            projet=projet,
            objectives=projet._visible_objectives(),
            steps=projet._visible_steps(),
            releves=space._visible_releves(),
        )

    @http.route("/my/parcours/<int:space_id>/plan/pdf", type="http", auth="user", website=True)
    def parcours_plan_pdf(self, space_id, **kw):
        space = self._space(space_id)
        projet = space._visible_projet()
        if not projet:
            raise NotFound()
        return self._pdf_response("referent_parcours.action_report_parcours_projet", projet, projet.name)

    @http.route("/my/parcours/<int:space_id>/records/<int:releve_id>/pdf", type="http", auth="user", website=True)
    def parcours_releve_pdf(self, space_id, releve_id, **kw):
        space = self._space(space_id)
        releve = self._space_record(space, "parcours.releve", releve_id, [("state", "=", "validated")])
        # Rendered again in the person's language (the copy filed at validation is in the validator's);
        # the record is locked, so the content is the signed one, refused subjects left out as in every copy.
        return self._pdf_response(
            "referent_parcours.action_report_parcours_releve",
            releve.with_context(parcours_shared_copy=True),
            releve.name,
        )

    @http.route("/my/parcours/<int:space_id>/leaflet", type="http", auth="user", website=True)
    def parcours_leaflet(self, space_id, **kw):
        """The leaflet "What is a référent de parcours?": the same for everyone, nothing of the situation."""
        space = self._space(space_id)
        return self._pdf_response(
            "referent_parcours.action_report_parcours_leaflet",
            space.env["parcours.case"],
            request.env._("What is a référent de parcours"),
        )

    def _pdf_response(self, report_ref, record, name):
        report = request.env["ir.actions.report"].sudo().with_context(**record.env.context)
        content, kind = report._render_qweb_pdf(report_ref, record.ids)
        mimetype = "application/pdf" if kind == "pdf" else "text/html; charset=utf-8"
        filename = f"{name.replace('/', '-')}.{kind}"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", len(content)),
                ("Content-Disposition", http.content_disposition(filename, disposition_type="inline")),
            ],
        )

    # ------------------------------------------------------------------
    # Digital locker
    # ------------------------------------------------------------------

    @http.route("/my/parcours/<int:space_id>/documents", type="http", auth="user", website=True)
    def parcours_documents(self, space_id, **kw):
        space = self._space(space_id)
        documents = space._visible_documents()
        return self._render(
            "referent_parcours.portal_parcours_documents",
            space,
            "parcours_documents",
            mine=documents.filtered(lambda d: d.source == "person"),
            shared=documents.filtered(lambda d: d.source == "professional"),
            document_types=DOCUMENT_TYPES,
            max_size_mb=MAX_SIZE_MB,
        )

    @http.route(
        "/my/parcours/<int:space_id>/documents/add",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        max_content_length=UPLOAD_REQUEST_LIMIT,
        parcours_form_limit=UPLOAD_REQUEST_LIMIT,
    )
    def parcours_document_add(self, space_id, name=None, document_type=None, expiry_date=None, share_with=None, **kw):
        space = self._space(space_id)
        form = {
            "name": name or "",
            "document_type": document_type or "",
            "expiry_date": expiry_date or "",
            "share_with": share_with or "private",
        }
        upload = request.httprequest.files.get("file")
        raw = upload.read() if upload else b""
        self._attempt(
            lambda: space._add_document(
                {
                    "name": (name or "").strip() or (upload.filename if upload else ""),
                    "document_type": _choice(document_type, dict(DOCUMENT_TYPES), "other"),
                    "expiry_date": _date(expiry_date),
                    "share_with": _choice(share_with, SHARE_CHOICES, "private"),
                    "datas": base64.b64encode(raw) if raw else False,
                    "filename": upload.filename if upload else False,
                }
            ),
            request.env._("Your document is in your locker."),
            form=form,
        )
        return self._redirect(space, "/documents")

    @http.route(
        "/my/parcours/<int:space_id>/documents/<int:document_id>/share",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def parcours_document_share(self, space_id, document_id, share_with=None, **kw):
        space = self._space(space_id)
        document = self._space_record(space, "parcours.document", document_id, space._own_document_domain())
        document.share_with = _choice(share_with, SHARE_CHOICES, document.share_with)
        self._flash(request.env._('Your choice is recorded for "%(name)s".', name=document.name))
        return self._redirect(space, "/documents")

    @http.route(
        "/my/parcours/<int:space_id>/documents/<int:document_id>/delete",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def parcours_document_delete(self, space_id, document_id, **kw):
        space = self._space(space_id)
        document = self._space_record(space, "parcours.document", document_id, space._own_document_domain())
        name = document.name
        document.unlink()
        self._flash(request.env._('"%(name)s" is removed from your locker.', name=name))
        return self._redirect(space, "/documents")

    @http.route(
        "/my/parcours/<int:space_id>/documents/<int:document_id>/download", type="http", auth="user", website=True
    )
    def parcours_document_download(self, space_id, document_id, **kw):
        space = self._space(space_id)
        document = self._space_record(space, "parcours.document", document_id, space._locker_domain())
        stream = request.env["ir.binary"]._get_stream_from(
            document, "datas", filename=document.filename or document.name
        )
        return stream.get_response(as_attachment=True)

    # ------------------------------------------------------------------
    # Who consulted my file
    # ------------------------------------------------------------------

    @http.route("/my/parcours/<int:space_id>/consultations", type="http", auth="user", website=True)
    def parcours_consultations(self, space_id, **kw):
        space = self._space(space_id)
        return self._render(
            "referent_parcours.portal_parcours_consultations",
            space,
            "parcours_consultations",
            consultations=space.case_id._consultations(),
            months=space.case_id.company_id.parcours_log_retention_months,
        )

    # ------------------------------------------------------------------
    # Messages to the référent
    # ------------------------------------------------------------------

    @http.route("/my/parcours/<int:space_id>/messages", type="http", auth="user", website=True)
    def parcours_messages(self, space_id, **kw):
        space = self._space(space_id)
        return self._render(
            "referent_parcours.portal_parcours_messages",
            space,
            "parcours_messages",
            referent=space.case_id.referent_intervenant_id,
            messages=space._person_messages(),
        )

    @http.route("/my/parcours/<int:space_id>/messages/send", type="http", auth="user", website=True, methods=["POST"])
    def parcours_message_send(self, space_id, body=None, **kw):
        space = self._space(space_id)
        self._attempt(
            lambda: space._post_from_person(body),
            request.env._("Your message is sent to your référent."),
            form={"body": body or ""},
        )
        return self._redirect(space, "/messages")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise NotFound() from None


def _choice(value, allowed, default):
    return value if value in allowed else default


def _date(value):
    if not value:
        return False
    try:
        return fields.Date.to_date(value)
    except ValueError:
        raise ValidationError(request.env._("Write the date as day/month/year, or leave it empty.")) from None
