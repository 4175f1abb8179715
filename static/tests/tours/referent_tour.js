/** @odoo-module **/
// The référent opens a situation from "My situations", adds a professional to the accompaniment list and
// requests a commission. Driven by tests/test_tours.py, which prepares the data and checks the records.

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const LIST = 'div[name="intervenant_ids"]';

registry.category("web_tour.tours").add("referent_parcours_tour_referent", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the application",
            trigger: '.o_app[data-menu-xmlid="referent_parcours.menu_parcours_root"]',
            run: "click",
        },
        {
            content: "Open the situation among my situations",
            trigger: '.o_kanban_record:contains("Famille Durand")',
            run: "click",
        },
        {
            content: "The accompaniment list is the first tab",
            trigger: `.o_notebook .nav-link.active[name="intervenants"]`,
        },
        {
            content: "Add a professional to the list",
            trigger: `${LIST} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Look the professional up",
            trigger: `${LIST} .o_selected_row div[name="partner_id"] input`,
            run: "edit Paul Gir",
        },
        {
            content: "Choose them",
            trigger: '.o-autocomplete--dropdown-item a:contains("Paul Girard")',
            run: "click",
        },
        {
            content: "Their structure comes from the contact",
            trigger: `${LIST} .o_selected_row div[name="structure_id"] input:value("CAF (test)")`,
        },
        {
            content: "Say what they do for the family",
            trigger: `${LIST} .o_selected_row div[name="accompaniment"] input`,
            run: "edit Prestations familiales",
        },
        ...stepUtils.saveForm(),
        {
            content: "The professional is on the list",
            trigger: `${LIST} .o_data_row:not(.o_selected_row) td[name="partner_id"]:contains("Paul Girard")`,
        },
        {
            content: "Request a commission",
            trigger: 'button[name="action_request_passage"]',
            run: "click",
        },
        {
            content: "Say why, in words the family understands",
            trigger: '.modal div[name="purpose"] textarea',
            run: "edit Faire le point sur le logement avec la famille.",
        },
        {
            content: "Send the request",
            trigger: ".modal .o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Back on the situation, which counts the request among its commissions",
            trigger: 'body:not(:has(.modal)) button[name="action_view_passages"] .o_stat_value:contains("1")',
        },
    ],
});
