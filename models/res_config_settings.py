from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    parcours_referent_alert_days = fields.Integer(related="company_id.parcours_referent_alert_days", readonly=False)
    parcours_commission_access_days = fields.Integer(
        related="company_id.parcours_commission_access_days", readonly=False
    )
    parcours_log_retention_months = fields.Integer(related="company_id.parcours_log_retention_months", readonly=False)
    parcours_retention_months = fields.Integer(related="company_id.parcours_retention_months", readonly=False)
    parcours_handover_days = fields.Integer(related="company_id.parcours_handover_days", readonly=False)
    parcours_steering_shared = fields.Boolean(related="company_id.parcours_steering_shared", readonly=False)
    parcours_survey_min_answers = fields.Integer(related="company_id.parcours_survey_min_answers", readonly=False)
