"""The Celery app. Tasks are thin: ids in, one service call, state on a row."""

import json
import logging
import os

from celery import Celery, Task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")


class JsonRoundTripTask(Task):
    """In eager mode, pass arguments through JSON as a real broker would, so a
    test cannot pass something (a model instance, a datetime) that production
    would reject."""

    def apply(self, args=None, kwargs=None, *a, **kw):
        args = json.loads(json.dumps(list(args or [])))
        kwargs = json.loads(json.dumps(dict(kwargs or {})))
        return super().apply(args, kwargs, *a, **kw)


app = Celery("openkitchen", task_cls=JsonRoundTripTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Publishing gives up in about a second: a person is waiting on the request.
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
log = logging.getLogger(__name__)


def try_publish(task, *args, **options) -> bool:
    """Send ``task`` with ``args``; False (logged) when the broker cannot be reached,
    so the caller can tell the person instead of answering with an error page."""
    if task.app.conf.task_always_eager:  # runs inline: its errors are not the broker's
        task.apply_async(args=list(args), **options)
        return True
    try:
        task.apply_async(args=list(args), retry_policy=PUBLISH_RETRY, **options)
    except Exception as exc:  # kombu OperationalError, redis ConnectionError, OSError…
        log.warning("could not publish %s%r: %s", task.name, args, exc)
        return False
    return True
