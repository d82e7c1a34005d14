from django.utils.translation import gettext_lazy as _

from apps.crops import advisory, agmarknet_import, refit
from core.runs.registry import run_kind

run_kind(advisory.RUN_KIND, title=_("Sell or hold advice"))(advisory.run_advisory)
run_kind(refit.RUN_KIND, title=_("Updating the price forecasts"))(refit.run_refit)
run_kind(agmarknet_import.RUN_KIND, title=_("Importing market prices"))(agmarknet_import.run_import)
