from apps.crops import advisory, agmarknet_import, refit
from core.runs.registry import run_kind

run_kind(advisory.RUN_KIND)(advisory.run_advisory)
run_kind(refit.RUN_KIND)(refit.run_refit)
run_kind(agmarknet_import.RUN_KIND)(agmarknet_import.run_import)
