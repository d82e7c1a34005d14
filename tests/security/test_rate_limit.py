"""Starting runs is rate-limited per user, with a message, from the pages people use."""

import pytest
from django.test import Client

pytestmark = pytest.mark.postgres


def ask(client: Client, n: int):
    return client.post("/ask/", {"question": f"How do I store grain, take {n}?", "language": "en"})


def test_the_ask_page_refuses_runs_over_the_per_user_limit_with_a_message(
    cast, settings, django_capture_on_commit_callbacks
):
    from core.runs.models import Run

    settings.RUNS_PER_USER_PER_MINUTE = 3
    farmer, teacher = Client(), Client()
    farmer.force_login(cast["farmer"])
    teacher.force_login(cast["teacher"])
    with django_capture_on_commit_callbacks(execute=False):  # the limit, not the runs, is tested
        started = [ask(farmer, n).status_code for n in range(3)]
        refused = ask(farmer, 4)
        other = ask(teacher, 5)
    assert started == [302, 302, 302]
    assert refused.status_code in {200, 429}
    assert "wait a minute" in refused.content.decode()
    assert Run.objects.filter(user=cast["farmer"]).count() == 3
    assert other.status_code == 302, "one user's limit must not block another"


def test_the_limit_is_enforced_by_the_service_every_app_uses(cast, settings):
    from core.runs.models import Run
    from core.runs.services import RunRateLimited, start_run

    settings.RUNS_PER_USER_PER_MINUTE = 2
    for _ in range(2):
        Run.objects.create(user=cast["engineer"], kind="core.ask")
    with pytest.raises(RunRateLimited) as refused:
        start_run(cast["engineer"], "core.ask", {"question": "x"})
    assert "wait a minute" in refused.value.message
    assert Run.objects.filter(user=cast["engineer"]).count() == 2
