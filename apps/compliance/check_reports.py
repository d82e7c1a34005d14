"""A check's findings downloaded as a JSON or PDF report, or as a BCF issue file."""

import json

from django.http import HttpResponse, JsonResponse

from apps.compliance.bcf import findings_bcf
from apps.compliance.check_page import own_check
from apps.compliance.report import report_json, report_pdf
from core.accounts import Role, role_required


@role_required(Role.ENGINEER)
def report(request, pk: int, fmt: str):
    check = own_check(request, pk)
    filename = f"check-{check.pk}.{fmt}"
    if fmt == "json":
        response = JsonResponse(report_json(check), json_dumps_params={"indent": 1})
    elif fmt == "pdf":
        response = HttpResponse(report_pdf(check), content_type="application/pdf")
    elif fmt == "bcf":
        response = HttpResponse(findings_bcf(check), content_type="application/octet-stream")
        filename = f"check-{check.pk}-findings.bcfzip"
    else:
        return HttpResponse(json.dumps({"error": "unknown format"}), status=404)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
