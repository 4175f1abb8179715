/** @odoo-module **/
// The person, in her personal space on a phone, says she will come to her next commission, adds a document
// to her locker and lets her référent see it. Driven by tests/test_tours.py (390 px wide screen), which
// prepares the data and checks the records.

import { registry } from "@web/core/registry";

// The smallest file the locker takes for a PDF: its content is checked, not its name.
const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const DOCUMENT = 'li.list-group-item:has(a:contains("Attestation CAF"))';

// On a phone, the page is read by scrolling down, never sideways.
function fitsTheScreen(page) {
    return {
        content: `${page} fits the width of the screen`,
        trigger: ".o_parcours_portal",
        run() {
            const { scrollWidth, clientWidth } = document.documentElement;
            if (scrollWidth > clientWidth) {
                throw new Error(`${page} is ${scrollWidth} px wide on a ${clientWidth} px screen`);
            }
        },
    };
}

registry.category("web_tour.tours").add("referent_parcours_tour_portal", {
    steps: () => [
        fitsTheScreen("The summary"),
        {
            content: "The summary shows the next commission: say if I will come",
            trigger: '.o_parcours_portal a.btn[href$="/commissions"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Answer the invitation",
            trigger: '.o_parcours_portal form[action$="/answer"] button[name="answer"][value="accepted"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is recorded",
            trigger: '.o_parcours_portal .list-group-item:contains("You said you will come.")',
        },
        fitsTheScreen("My commissions"),
        {
            content: "Go to my documents",
            trigger: '.o_parcours_portal nav a.nav-link[href$="/documents"]',
            run: "click",
            expectUnloadPage: true,
        },
        fitsTheScreen("My documents"),
        {
            content: "Choose the file",
            trigger: '.o_parcours_portal form[action$="/documents/add"] input[type="file"][name="file"]',
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(new File([PDF], "attestation.pdf", { type: "application/pdf" }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Give it a title",
            trigger: '.o_parcours_portal form[action$="/documents/add"] input[name="name"]',
            run: "edit Attestation CAF",
        },
        {
            content: "Say what kind of document it is",
            trigger: '.o_parcours_portal form[action$="/documents/add"] select[name="document_type"]',
            run: "select benefits",
        },
        {
            content: "Add it to the locker",
            trigger: '.o_parcours_portal form[action$="/documents/add"] button[type="submit"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The document is in the locker, seen by nobody else",
            trigger: `.o_parcours_portal .alert-success ~ * ${DOCUMENT} select[name="share_with"]:value(private)`,
        },
        {
            content: "Let my référent see it",
            trigger: `.o_parcours_portal ${DOCUMENT} select[name="share_with"]`,
            run: "select referent",
        },
        {
            content: "Save the choice",
            trigger: `.o_parcours_portal ${DOCUMENT} form[action$="/share"] button[type="submit"]`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The choice is recorded",
            trigger: `.o_parcours_portal .alert-success ~ * ${DOCUMENT} select[name="share_with"]:value(referent)`,
        },
    ],
});
