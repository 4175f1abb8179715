from . import parcours_referent_designate
from . import parcours_consent_withdraw
from . import parcours_commission_plan
from . import parcours_commission_schedule
from . import parcours_commission_invite
from . import parcours_commission_cancel
from . import parcours_passage_postpone
from . import parcours_releve_amend
