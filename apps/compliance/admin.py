from django.contrib import admin

from apps.compliance.models import Rule, RulePack


class RuleInline(admin.TabularInline):
    model = Rule
    extra = 1
    fields = (
        "code",
        "measurement",
        "comparator",
        "threshold",
        "threshold_max",
        "units",
        "parameter",
        "code_name",
        "clause_id",
        "clause_title",
        "name_pattern",
        "enabled",
    )


@admin.register(RulePack)
class RulePackAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "shipped", "updated_at")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RuleInline]
