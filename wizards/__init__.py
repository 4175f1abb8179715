from . import parcours_referent_designate
from . import parcours_consent_withdraw
