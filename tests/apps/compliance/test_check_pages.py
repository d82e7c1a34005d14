import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.apps.compliance.drawings import corridor_plan


@pytest.fixture
def packs(db):
    from io import StringIO

    from apps.compliance import demo

    demo.load(StringIO())
    from apps.compliance.models import RulePack

    return {p.slug: p for p in RulePack.objects.all()}


def upload(client, pack, files, **extra):
    return client.post(reverse("compliance:home"), {"pack": pack.pk, "files": files, **extra})


@pytest.mark.postgres
def test_the_demo_loader_is_idempotent_and_keeps_admin_edits(packs):
    from io import StringIO

    from apps.compliance import demo
    from apps.compliance.models import Rule

    rule = Rule.objects.get(code="ADA-404.2.3")
    rule.threshold = 0.9
    rule.save()
    demo.load(StringIO())
    assert Rule.objects.filter(code="ADA-404.2.3").count() == 1
    assert Rule.objects.get(code="ADA-404.2.3").threshold == 0.9


@pytest.mark.postgres
def test_an_engineer_uploads_a_plan_and_gets_findings_plan_and_reports(
    cast, client_for, packs, django_capture_on_commit_callbacks
):
    client = client_for(cast["engineer"])
    data = corridor_plan(door_width=0.75)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, packs["ada-2010"], [SimpleUploadedFile("level1.dxf", data)])
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    from core.runs.models import Run

    run = Run.objects.get(kind="compliance.check")  # demo.load also queues corpus ingest runs
    assert run.status == Run.Status.SUCCEEDED, (run.message, run.error)
    assert "404.2.3" in page and "0.75 m" in page and "<svg" in page
    from apps.compliance.models import Check

    check = Check.objects.get()
    assert check.run_id
    pdf = client.get(reverse("compliance:report", args=[check.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    js = client.get(reverse("compliance:report", args=[check.pk, "json"])).json()
    failing = [f for f in js["findings"] if f["status"] == "fail"]
    assert {f["measured"] for f in failing if f["rule"] == "ADA-404.2.3"} == {0.75}
    assert all(
        "is not in the code documents here" in f.get("explanation", "is not in the code documents")
        for f in failing
    )


@pytest.mark.postgres
def test_a_dwg_upload_is_refused_with_a_sentence_and_nothing_is_stored(cast, client_for, packs):
    client = client_for(cast["engineer"])
    response = upload(
        client, packs["ada-2010"], [SimpleUploadedFile("plan.dxf", b"AC1027" + b"\x00" * 200)]
    )
    assert response.status_code == 200
    assert "DWG" in response.content.decode()
    from apps.compliance.models import Check

    assert not Check.objects.exists()


@pytest.mark.postgres
def test_other_people_cannot_open_a_check(cast, client_for, packs):
    from django.contrib.auth import get_user_model

    from apps.compliance.models import Check
    from core.accounts.roles import Role
    from core.accounts.services import create_user_with_role

    other = create_user_with_role("engineer2", "pw-engineer-2", Role.ENGINEER)
    check = Check.objects.create(user=other, title="theirs", pack=packs["ada-2010"])
    assert (
        client_for(cast["engineer"]).get(reverse("compliance:check", args=[check.pk])).status_code
        == 404
    )
    assert (
        client_for(cast["farmer"]).get(reverse("compliance:check", args=[check.pk])).status_code
        == 403
    )
    assert get_user_model().objects.filter(username="engineer2").exists()


@pytest.mark.postgres
def test_an_oversized_upload_is_refused_before_it_is_read(cast, client_for, packs, settings):
    settings.COMPLIANCE_MAX_UPLOAD_BYTES = 1000
    client = client_for(cast["engineer"])
    response = upload(client, packs["ada-2010"], [SimpleUploadedFile("big.dxf", b"0" * 5000)])
    assert response.status_code == 200
    assert "are accepted" in response.content.decode()
