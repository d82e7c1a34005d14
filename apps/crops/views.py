"""Thin views: farmer pages read stored forecasts only; admins upload files."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.crops import demo, run_history, selectors, services, wording
from apps.crops.advisory import RUN_KIND, advisory_inputs
from apps.crops.charts import fan_chart
from apps.crops.csv_reading import UnreadableFile
from apps.crops.forms import AdvisoryForm
from apps.crops.importing import import_stream
from apps.crops.language import remembered_language
from apps.crops.layouts import LayoutError, detect_layout, layout_from_mapping
from apps.crops.mapping_form import MappingForm
from apps.crops.models import ImportBatch, PriceSeries
from apps.crops.parsing import Defaults, read_head
from apps.crops.upload_form import UploadForm
from core.accounts import Role, is_admin, role_required

UPLOAD_SESSION_KEY = "crops_pending_upload"


@role_required(Role.FARMER)
@remembered_language
def home(request):
    query = request.GET.get("q", "").strip()[:100]
    commodity = request.GET.get("commodity", "").strip()[:200]
    today = timezone.now().date()
    context = {"query": query, "commodity": commodity, "can_upload": is_admin(request.user)}
    if commodity:
        markets = list(selectors.markets(commodity, query))
        for s in markets:
            s.up_to = wording.prices_up_to(s.last_date, today)
            s.demo = demo.is_demo(s.source)
        context["markets"] = markets
        context["demo"] = any(s.demo for s in markets)
    else:
        rows = selectors.commodities(query)
        for row in rows:
            row["up_to"] = wording.prices_up_to(row["last_date"], today)
        context["commodities"] = rows
        context["demo"] = any(row["demo"] for row in rows)
    return render(request, "crops/home.html", context)


@role_required(Role.FARMER)
@remembered_language
def series_detail(request, pk: int):
    try:
        series, forecast = selectors.series_with_forecast(pk)
    except PriceSeries.DoesNotExist:
        raise Http404 from None
    return render(request, "crops/series.html", _series_context(series, forecast, AdvisoryForm()))


@role_required(Role.FARMER)
@remembered_language
def series_computing(request, pk: int):
    """The "being computed: ready in about N s" notice, polled by htmx until the
    market's forecast exists."""
    try:
        series, forecast = selectors.series_with_forecast(pk)
    except PriceSeries.DoesNotExist:
        raise Http404 from None
    return render(request, "crops/_computing.html", _computing_context(series, forecast))


def _computing_context(series, forecast) -> dict:
    ctx = {"series": series, "ready": forecast is not None}
    pending = None if forecast is not None else run_history.pending_refit()
    if pending is not None:
        ctx["computing"] = wording.computing_sentence(pending, timezone.now())
    return ctx


def _series_context(series, forecast, form) -> dict:
    cur, unit = series.currency, series.unit
    today = timezone.now().date()
    ctx = {
        "series": series,
        "forecast": forecast,
        "form": form,
        "per_unit": wording.per_unit(unit),
        "age": wording.age_sentence(series.last_date, today),
        "up_to": wording.prices_up_to(series.last_date, today),
        "demo": demo.is_demo(series.source),
    }
    if forecast is None:
        ctx.update(_computing_context(series, forecast))
        return ctx
    ctx["note"] = wording.forecast_note(forecast.status, forecast.message)
    steps = forecast.steps if forecast.status == "ok" else []
    # Old data (e.g. the demo's) still gets its forecast and the advice form, but the
    # periods are named from the date of the latest price and the advice is flagged.
    data_end = forecast.data_end or series.last_date
    old = wording.is_old(data_end, today, forecast.frequency)
    after = data_end if old else None
    if old:
        ctx["old_warning"] = wording.old_data_warning(data_end, today)
    held, held_warning = wording.held_sentence(forecast.backtest)
    chart = fan_chart(
        forecast.history,
        steps,
        label_money=lambda v: wording.money(v, cur),
        label_date=wording.day_words,
        title=_("Price history and forecast"),
    )
    ctx.update(
        {
            "chart": mark_safe(chart),  # numbers and escaped labels only (charts.py)
            "last_price": wording.money(forecast.last_price, cur),
            "accuracy": wording.accuracy_sentence(forecast.backtest, cur, unit),
            "held": held,
            "held_warning": held_warning,
            "serving": wording.serving_sentence(steps, forecast.frequency),
            "weekly_note": forecast.frequency == "weekly" and series.frequency == "weekly",
            "sentences": [
                wording.range_sentence(s, n, forecast.frequency, cur, unit, after)
                for n, s in enumerate(steps, start=1)
                if n in (1, 4, 8) or (forecast.frequency == "monthly")
            ],
            "rows": [
                {
                    "start": wording.day_words(s["start"]),
                    "mean": wording.money(s["mean"], cur),
                    "lo80": wording.money(s["lo80"], cur),
                    "hi80": wording.money(s["hi80"], cur),
                    "lo95": wording.money(s["lo95"], cur),
                    "hi95": wording.money(s["hi95"], cur),
                }
                for s in steps
            ],
        }
    )
    return ctx


@role_required(Role.FARMER)
@require_POST
@remembered_language
def advise(request, pk: int):
    from core.runs import RunRateLimited, start_run

    try:
        series, forecast = selectors.series_with_forecast(pk)
    except PriceSeries.DoesNotExist:
        raise Http404 from None
    form = AdvisoryForm(request.POST)
    if not form.is_valid():
        return render(
            request, "crops/series.html", _series_context(series, forecast, form), status=400
        )
    d = form.cleaned_data
    try:
        run = start_run(
            request.user,
            RUN_KIND,
            advisory_inputs(
                series,
                d["quantity"],
                d["storage_cost_per_week"],
                d.get("min_price"),
                language=get_language() or "en",
            ),
        )
    except RunRateLimited as exc:
        messages.error(request, exc.message)
        return redirect("crops:series", pk=pk)
    return redirect("runs:detail", pk=run.pk)


# --- corpus admins: upload with column mapping, import reports, refits ---------


@role_required(Role.CORPUS_ADMIN)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = uuid.uuid4().hex
        path = _pending_dir() / f"{token}.csv"
        with open(path, "wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        try:
            with open(path, "rb") as stream:
                _dialect, header, following = read_head(stream)
            layout = detect_layout(header, following)
        except (UnreadableFile, LayoutError) as exc:
            path.unlink(missing_ok=True)
            form.add_error("file", str(exc))
        else:
            request.session[UPLOAD_SESSION_KEY] = {
                "token": token,
                "name": Path(form.cleaned_data["file"].name).name[:200],
                "defaults": {
                    k: form.cleaned_data[k]
                    for k in ("commodity", "market", "variety", "unit", "currency")
                },
                "layout": layout.to_json(),
            }
            return redirect("crops:upload_confirm")
    return render(request, "crops/upload.html", {"form": form})


def _pending_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "crops" / "pending"
    path.mkdir(parents=True, exist_ok=True)
    return path


@role_required(Role.CORPUS_ADMIN)
def upload_confirm(request):
    pending = request.session.get(UPLOAD_SESSION_KEY)
    path = _pending_dir() / f"{pending['token']}.csv" if pending else None
    if not pending or not path.exists():
        return render(request, "crops/upload_confirm.html", {"nothing": True})
    with open(path, "rb") as stream:
        _dialect, header, following = read_head(stream)
    detected = pending["layout"]
    initial = {f"col_{r}": c for r, c in detected["columns"].items()}
    initial["date_order"] = detected["date_order"]
    form = MappingForm(request.POST or None, header=header, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            layout = layout_from_mapping(
                header,
                form.mapping(),
                skip_rows=detected["skip_rows"],
                date_order=form.cleaned_data["date_order"],
            )
            with open(path, "rb") as stream:
                batch = import_stream(
                    stream,
                    pending["name"],
                    defaults=Defaults(**pending["defaults"]),
                    layout=layout,
                    user=request.user,
                )
        except (UnreadableFile, LayoutError) as exc:
            form.add_error(None, str(exc))
        else:
            path.unlink(missing_ok=True)
            del request.session[UPLOAD_SESSION_KEY]
            if batch.series_count:
                batch.refit = services.start_refit(request.user, batch.series_ids)
                batch.save(update_fields=["refit"])
                messages.success(request, _("Imported. Its forecasts are being refitted."))
            return redirect("crops:import_detail", pk=batch.pk)
    preview = [row for row in following[detected["skip_rows"] :][:5]]
    return render(
        request,
        "crops/upload_confirm.html",
        {
            "form": form,
            "name": pending["name"],
            "layout_name": detected["name"],
            "header": header,
            "preview": preview,
        },
    )


@role_required(Role.CORPUS_ADMIN)
def imports(request):
    if request.method == "POST" and request.POST.get("action") == "agmarknet":
        return _agmarknet_import(request)
    if request.method == "POST":
        services.start_refit(request.user)
        messages.success(request, _("Refitting every forecast."))
        return redirect("crops:imports")
    return render(
        request,
        "crops/imports.html",
        {
            "batches": selectors.recent_batches(),
            "refits": run_history.recent_refits(),
            "upload_url": reverse("crops:upload"),
            "agmarknet_key": bool(settings.AGMARKNET_API_KEY),
            "agmarknet_runs": run_history.recent_agmarknet_imports(),
        },
    )


def _agmarknet_import(request):
    run = services.start_agmarknet_import(request.user)
    if run is None:
        messages.error(request, _("No API key is set: nothing was asked of data.gov.in."))
        return redirect("crops:imports")
    return redirect("runs:detail", pk=run.pk)


@role_required(Role.CORPUS_ADMIN)
def import_detail(request, pk: int):
    batch = get_object_or_404(ImportBatch.objects.select_related("refit"), pk=pk)
    return render(request, "crops/import_detail.html", {"batch": batch})
