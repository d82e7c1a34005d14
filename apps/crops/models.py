"""Price series, their points, import batches and stored forecasts (each refit is a
run of kind ``crops.refit``: ``core.runs.models.Run``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PriceSeries(models.Model):
    """Prices of one product at one market: (commodity, market, variety, unit, currency)."""

    commodity = models.CharField(max_length=200)
    market = models.CharField(max_length=200)
    variety = models.CharField(max_length=200, blank=True, help_text=_("variety or price type"))
    unit = models.CharField(max_length=50, blank=True)
    currency = models.CharField(max_length=10, blank=True)
    region = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=255, blank=True, help_text=_("file the series came from"))
    frequency = models.CharField(max_length=10, default="weekly")
    first_date = models.DateField(null=True, blank=True)
    last_date = models.DateField(null=True, blank=True)
    price_days = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["commodity", "market", "variety", "unit", "currency"],
                name="crops_series_key",
            )
        ]
        ordering = ["commodity", "market", "variety"]
        verbose_name_plural = "price series"

    def __str__(self) -> str:
        return " · ".join(p for p in (self.commodity, self.market, self.variety) if p)


class PricePoint(models.Model):
    series = models.ForeignKey(PriceSeries, on_delete=models.CASCADE, related_name="points")
    date = models.DateField()
    price = models.FloatField(null=True, blank=True, help_text=_("empty: no trading that day"))
    arrival = models.FloatField(null=True, blank=True)
    min_price = models.FloatField(null=True, blank=True)
    max_price = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "date"], name="crops_point_day")]
        ordering = ["series", "date"]

    def __str__(self) -> str:
        return f"{self.series_id} {self.date}: {self.price}"


class ImportBatch(models.Model):
    """One imported file: what was found, what was kept, what was wrong."""

    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    layout = models.JSONField(default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    rows_kept = models.PositiveIntegerField(default=0)
    series_count = models.PositiveIntegerField(default=0)
    points_created = models.PositiveIntegerField(default=0)
    points_updated = models.PositiveIntegerField(default=0)
    problem_counts = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    message = models.TextField(blank=True)
    refit = models.ForeignKey(
        "runs.Run",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("the refit of the forecasts started after this import"),
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class Forecast(models.Model):
    """The latest forecast of a series, ready to render without any fitting."""

    class Status(models.TextChoices):
        OK = "ok", _("Forecast")
        TOO_SHORT = "too_short", _("Too little data")
        STALE = "stale", _("Data too old")
        FAILED = "failed", _("Failed")

    series = models.OneToOneField(PriceSeries, on_delete=models.CASCADE, related_name="forecast")
    status = models.CharField(max_length=12, choices=Status.choices)
    message = models.TextField(blank=True)
    model = models.CharField(max_length=40, blank=True)
    frequency = models.CharField(max_length=10, default="weekly")
    data_end = models.DateField(null=True, blank=True)
    last_price = models.FloatField(null=True, blank=True)
    history = models.JSONField(default=list)  # [[period start, mean price or null], ...]
    steps = models.JSONField(default=list)  # [{start, mean, lo80, hi80, lo95, hi95}, ...]
    backtest = models.JSONField(default=dict)  # errors of the chosen model and of naive
    computed_at = models.DateTimeField(auto_now=True)
    run = models.ForeignKey(
        "runs.Run",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("the refit that stored this forecast"),
    )

    def __str__(self) -> str:
        return f"forecast of {self.series} ({self.status})"


class LanguageChoice(models.Model):
    """The language a person picked in the footer, kept for their next device or
    browser (a cookie alone is forgotten when they sign in elsewhere)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crops_language"
    )
    language = models.CharField(max_length=16)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
