/** @odoo-module **/
// On the day of the session, the pilot records who came, opens the decision record, captures the
// signatures of the family, the pilot and the référent (the partners who did not come do not sign) and
// validates it. Driven by tests/test_tours.py, which prepares the data and checks the records.

import { registry } from "@web/core/registry";

const INVITEES = 'div[name="invitee_ids"]';
const SIGNATURES = 'div[name="signature_ids"]';

function attendance(name, value) {
    return [
        {
            content: `Attendance of ${name}`,
            trigger: `${INVITEES} .o_data_row:has(td[name="partner_id"]:contains("${name}")) td[name="attendance"]`,
            run: "click",
        },
        {
            content: `${name}: ${value}`,
            trigger: `${INVITEES} .o_selected_row:has(div[name="partner_id"] input:value("${name}")) div[name="attendance"] select`,
            run: `select "${value}"`,
        },
    ];
}

function sign(name) {
    return [
        {
            content: `Open the signature line of ${name}`,
            trigger: `body:not(:has(.modal)) ${SIGNATURES} .o_data_row td[name="name"]:contains("${name}")`,
            run: "click",
        },
        {
            content: `${name} signs on the screen`,
            trigger: '.modal div[name="signature"] .o_signature_empty',
            run: "click",
        },
        {
            content: "The signature is drawn from the name: adopt it",
            trigger: ".modal:has(.o_web_sign_name_and_signature) .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The signature is captured",
            trigger: '.modal div[name="signature"] img.o_signature',
        },
        {
            content: "Keep it",
            trigger: ".modal .o_form_button_save:enabled",
            run: "click",
        },
    ];
}

function signed(name) {
    return {
        content: `${name} has signed: the time is recorded`,
        trigger: `${SIGNATURES} .o_data_row:has(td[name="name"]:contains("${name}")) td[name="signed_on"]:not(:empty)`,
    };
}

registry.category("web_tour.tours").add("referent_parcours_tour_pilot", {
    steps: () => [
        {
            content: "List my commissions",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the passage of the family",
            trigger: '.o_list_renderer .o_data_row td[name="case_label"]:contains("Famille Durand")',
            run: "click",
        },
        ...attendance("Famille Durand", "present"),
        ...attendance("Referent", "present"),
        ...attendance("Pro", "excused"),
        ...attendance("Ext", "absent"),
        ...attendance("Pilot", "present"),
        {
            content: "Open the decision record (the attendance is saved first)",
            trigger: 'button[name="action_open_releve"]',
            run: "click",
        },
        {
            content: "Go to the signatures",
            trigger: '.o_form_view .o_notebook .nav-link[name="signatures"]',
            run: "click",
        },
        ...sign("Famille Durand"),
        ...sign("Pilot"),
        ...sign("Referent"),
        {
            content: "Save the decision record",
            trigger: "body:not(:has(.modal)) .o_form_button_save:enabled",
            run: "click",
        },
        signed("Famille Durand"),
        signed("Pilot"),
        signed("Referent"),
        {
            content: "Validate the decision record",
            trigger: '.o_form_statusbar button[name="action_validate"]',
            run: "click",
        },
        {
            content: "The record is signed and validated",
            trigger: '.o_statusbar_status .o_arrow_button_current[data-value="validated"]',
        },
    ],
});
