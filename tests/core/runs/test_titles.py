"""Every run page is called by what the run does, in words, never by its raw kind."""

import pytest
from django.urls import reverse

from core.runs.models import Run
from core.runs.registry import kind_title, registered_kinds

pytestmark = pytest.mark.postgres
# Ask runs are headed by their question (and registered in core/ask).
HEADED_BY_THEIR_INPUTS = {"core.ask"}


def app_kinds() -> list[str]:
    return [k for k in registered_kinds() if not k.startswith("tests.")]


def test_every_app_kind_has_a_title_in_words():
    kinds = [k for k in app_kinds() if k not in HEADED_BY_THEIR_INPUTS]
    assert {"crops.advisory", "compliance.check", "corpora.ingest"} <= set(kinds)
    for kind in kinds:
        title = kind_title(kind)
        assert title and title != "Job" and "." not in title and "_" not in title, kind


def test_an_unknown_kind_is_called_a_job():
    assert kind_title("gone.away") == "Job"


@pytest.mark.parametrize("kind", ["crops.advisory", "compliance.check", "gone.away"])
def test_the_run_page_and_the_list_show_the_title_not_the_kind(client, cast, kind):
    run = Run.objects.create(user=cast["farmer"], kind=kind, inputs={})
    client.force_login(cast["farmer"])
    page = client.get(reverse("runs:detail", args=[run.pk])).content.decode()
    listing = client.get(reverse("runs:list")).content.decode()
    for html in (page, listing):
        assert kind not in html
        assert kind_title(kind) in html
    assert f"<title>{kind_title(kind)}" in page.replace("\n", "")
