from . import parcours_steering_mixin
from . import parcours_steering_situation
from . import parcours_steering_passage
from . import parcours_steering_attendance
from . import parcours_steering_objective
from . import parcours_steering_partner
from . import parcours_steering_questionnaire
