"""The Celery app. Tasks are thin: ids in, one service call, state on a row."""

import json
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
