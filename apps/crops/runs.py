from apps.crops.advisory import RUN_KIND, run_advisory
from core.runs.registry import run_kind

run_kind(RUN_KIND)(run_advisory)
