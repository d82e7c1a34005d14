import pytest
from django.urls import reverse


@pytest.fixture
def ada(db):
    from io import StringIO

    from apps.compliance import demo
    from apps.compliance.models import RulePack

    demo.load(StringIO())
    return RulePack.objects.get(slug="ada-2010")


def formset_post(pack, **changes):
    rules = list(pack.rules.all())
    data = {
        "name": pack.name,
        "slug": pack.slug,
        "description": pack.description,
        "parameters": "{}",
        "rules-TOTAL_FORMS": str(len(rules)),
        "rules-INITIAL_FORMS": str(len(rules)),
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
    }
    for i, r in enumerate(rules):
        row = r.as_data() | {"id": r.pk, "pack": pack.pk, "enabled": "on"}
        row.update(changes.get(r.code, {}))
        for key, value in row.items():
            data[f"rules-{i}-{key}"] = "" if value is None else value
    return data


@pytest.mark.postgres
def test_a_corpus_admin_changes_a_threshold_in_the_browser(cast, client_for, ada):
    client = client_for(cast["corpusadmin"])
    url = reverse("compliance:pack", args=[ada.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, formset_post(ada, **{"ADA-404.2.3": {"threshold": 0.9}}))
    ctx = response.context
    assert response.status_code == 302, ctx and (
        ctx["formset"].non_form_errors(),
        [e for e in ctx["formset"].errors if e],
    )
    assert ada.rules.get(code="ADA-404.2.3").threshold == 0.9
    assert ada.rules.count() == 6


@pytest.mark.postgres
def test_engineers_pick_packs_but_cannot_edit_them(cast, client_for, ada):
    client = client_for(cast["engineer"])
    assert client.get(reverse("compliance:pack", args=[ada.pk])).status_code == 403
    assert ada.name in client.get(reverse("compliance:home")).content.decode()
