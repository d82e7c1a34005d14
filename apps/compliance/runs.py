from django.utils.translation import gettext_lazy as _

from apps.compliance.services import RUN_KIND, run_check
from core.runs import run_kind

run_kind(RUN_KIND, title=_("Drawing check against the building code"))(run_check)
