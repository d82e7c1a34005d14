from django.conf import settings
from django.db import models


class RulePack(models.Model):
    """A set of rules engineers pick per check; corpus admins edit them in the admin."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # The language its rule titles are written in: shown as quoted, labelled with it,
    # on pages in any other language (a pack gives no translations).
    language = models.CharField(max_length=16, default="en")
    parameters = models.JSONField(
        default=dict, blank=True, help_text="Limits an engineer may override per check."
    )
    shipped = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def as_data(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "parameters": self.parameters,
            "rules": [r.as_data() for r in self.rules.filter(enabled=True)],
        }


class Rule(models.Model):
    class Comparator(models.TextChoices):
        AT_LEAST = ">=", "at least"
        AT_MOST = "<=", "at most"
        BETWEEN = "between", "between"

    MEASUREMENTS = [
        (m, m.replace("_", " "))
        for m in (
            "door_width",
            "door_height",
            "corridor_width",
            "stair_width",
            "stair_riser",
            "stair_tread",
            "room_area",
            "travel_distance",
            "dead_end",
            "ramp_slope",
        )
    ]

    pack = models.ForeignKey(RulePack, on_delete=models.CASCADE, related_name="rules")
    code = models.CharField(max_length=60)
    measurement = models.CharField(max_length=40, choices=MEASUREMENTS)
    applies_to = models.CharField(max_length=60, blank=True)
    name_pattern = models.CharField(
        max_length=200, blank=True, help_text="Only elements whose name matches (regex)."
    )
    comparator = models.CharField(max_length=10, choices=Comparator.choices)
    threshold = models.FloatField()
    threshold_max = models.FloatField(null=True, blank=True)
    units = models.CharField(max_length=20, default="m")
    parameter = models.CharField(
        max_length=60,
        blank=True,
        help_text="Name of the pack parameter that overrides the threshold.",
    )
    jurisdiction = models.CharField(max_length=60, blank=True)
    code_name = models.CharField(max_length=120)
    clause_id = models.CharField(max_length=60)
    clause_title = models.CharField(max_length=200, blank=True)
    review_margin = models.FloatField(default=0.0)
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["pack", "code"]
        constraints = [models.UniqueConstraint(fields=["pack", "code"], name="unique_rule_code")]

    def __str__(self) -> str:
        return f"{self.code} ({self.code_name} §{self.clause_id})"

    def as_data(self) -> dict:
        fields = (
            "code",
            "measurement",
            "applies_to",
            "name_pattern",
            "comparator",
            "threshold",
            "threshold_max",
            "units",
            "parameter",
            "jurisdiction",
            "code_name",
            "clause_id",
            "clause_title",
            "review_margin",
        )
        return {f: getattr(self, f) for f in fields}


class Check(models.Model):
    """One engineer's check of one set of drawings against one pack."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="compliance_checks"
    )
    title = models.CharField(max_length=200)
    pack = models.ForeignKey(RulePack, on_delete=models.PROTECT)
    parameters = models.JSONField(default=dict, blank=True)
    occupant_load = models.PositiveIntegerField(null=True, blank=True)
    run = models.ForeignKey(
        "runs.Run", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class DrawingFile(models.Model):
    check_row = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="drawings")
    filename = models.CharField(max_length=255)
    kind = models.CharField(max_length=8)  # dxf | ifc
    storey = models.CharField(max_length=120, blank=True)
    data = models.BinaryField()
    svg = models.TextField(blank=True)
    error = models.TextField(blank=True)
    # "units" when the declared units were implausible: the page offers to choose them.
    error_kind = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename
