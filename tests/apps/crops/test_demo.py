import io

import pytest

from apps.crops.models import FitJob, ImportBatch, PricePoint


@pytest.mark.slow
@pytest.mark.postgres
def test_the_demo_loads_the_wfp_prices_once_and_queues_one_fit(
    db, django_capture_on_commit_callbacks
):
    from apps.crops import demo

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        demo.load(out)
    points = PricePoint.objects.count()
    with django_capture_on_commit_callbacks(execute=False):
        demo.load(out)  # idempotent
    assert points > 10_000 and PricePoint.objects.count() == points
    assert ImportBatch.objects.count() == 1
    assert FitJob.objects.count() == 1
