from . import test_case_flow
from . import test_referent
from . import test_bad_input
from . import test_access_matrix
from . import test_access_channels
from . import test_consent_and_subjects
from . import test_performance
from . import test_commission_planning
