from apps.compliance.services import RUN_KIND, run_check
from core.runs.registry import run_kind

run_kind(RUN_KIND)(run_check)
