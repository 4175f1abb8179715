from . import portal
from . import thread
