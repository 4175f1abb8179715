from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    parcours_referent_alert_days = fields.Integer(
        string="Référent succession notice (days)",
        default=60,
        help="When the référent's own intervention ends within this many days, "
        "the situation is flagged and a successor must be designated.",
    )
    parcours_handover_days = fields.Integer(
        string="Handover period of a former référent (days)",
        default=30,
        help="When a référent leaves or their mission ends, they keep reading (never changing) the situation "
        "this many days, so that nothing falls between two chairs; the successor can end it earlier.",
    )

    parcours_commission_access_days = fields.Integer(
        string="Commission access after closing (days)",
        default=30,
        help="How long the pilot and the secretary of a commission keep seeing the situations on its "
        "agenda once the session is closed, to finish its decision records.",
    )

    parcours_log_retention_months = fields.Integer(
        string="Consultation log kept (months)",
        default=6,
        help="How long the lines of the consultation log are kept before the daily purge removes them "
        "(CNIL: 6 to 12 months).",
    )
    parcours_retention_months = fields.Integer(
        string="Situations kept after the last contact (months)",
        default=24,
        help="A situation closed or refused is deleted with everything attached this many months after the "
        "last contact with the person (closing, last passage, last message, last document), unless it is on "
        "legal hold. CNIL guidance for social action: two years.",
    )

    parcours_steering_shared = fields.Boolean(
        string="Share the steering counts with the partnership",
        default=False,
        help="The comité de pilotage's view across the organisations of this instance shows this organisation's "
        "counts (situations, référents named, commissions held, families present), never a name nor a situation; "
        "only managers of organisations that share theirs read it.",
    )

    _sql_constraints = [
        (
            "parcours_log_retention_months_range",
            "CHECK(parcours_log_retention_months BETWEEN 6 AND 12)",
            "The consultation log is kept between 6 and 12 months.",
        ),
        (
            "parcours_retention_months_min",
            "CHECK(parcours_retention_months >= 12)",
            "A closed situation is kept at least 12 months after the last contact.",
        ),
        (
            "parcours_commission_access_days_positive",
            "CHECK(parcours_commission_access_days >= 0)",
            "The commission access delay cannot be negative.",
        ),
        (
            "parcours_handover_days_positive",
            "CHECK(parcours_handover_days >= 0)",
            "The handover period cannot be negative.",
        ),
        (
            "parcours_referent_alert_days_positive",
            "CHECK(parcours_referent_alert_days >= 0)",
            "The référent succession notice cannot be negative.",
        ),
    ]

    parcours_survey_min_answers = fields.Integer(
        string="Questionnaires: minimum answers shown",
        default=5,
        help="The answers to the questionnaires after a commission are shown for a site and a period only when "
        "at least this many were given, so that nobody is recognised from their answers.",
    )
