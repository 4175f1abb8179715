/** @odoo-module **/
// The commission secretary opens the session, puts the waiting request on its agenda and sends the
// invitations. Driven by tests/test_tours.py, which prepares the data and checks the records.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("referent_parcours_tour_secretary", {
    steps: () => [
        {
            content: "List the coming sessions",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the session of the site",
            trigger: '.o_list_renderer .o_data_row td[name="site_id"]:contains("Liévin (test)")',
            run: "click",
        },
        {
            content: "Add situations to the agenda",
            trigger: 'button[name="action_schedule_requests"]',
            run: "click",
        },
        {
            content: "Pick among the requests of the site",
            trigger: '.modal div[name="passage_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Choose the request of the family",
            trigger: '.modal .o_list_renderer .o_data_row td[name="case_label"]:contains("Famille Durand")',
            run: "click",
        },
        {
            content: "The request is selected",
            trigger: '.modal div[name="passage_ids"] .o_data_row:contains("Famille Durand")',
        },
        {
            content: "Put it on the agenda",
            trigger: '.modal button[name="action_schedule"]',
            run: "click",
        },
        {
            content: "The situation is on the agenda",
            trigger: 'body:not(:has(.modal)) div[name="agenda_passage_ids"] .o_data_row:contains("Famille Durand")',
        },
        {
            content: "Send the invitations",
            trigger: 'button[name="action_send_invitations"]',
            run: "click",
        },
        {
            content: "One letter per invitee",
            trigger: '.modal div[name="to_send_count"]:contains("5")',
        },
        {
            content: "Send them",
            trigger: '.modal button[name="action_send"]',
            run: "click",
        },
        {
            content: "The session's invitations are sent",
            trigger: 'body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current[data-value="invited"]',
        },
    ],
});
