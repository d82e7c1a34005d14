from apps.crops import advisory, refit
from core.runs.registry import run_kind

run_kind(advisory.RUN_KIND)(advisory.run_advisory)
run_kind(refit.RUN_KIND)(refit.run_refit)
