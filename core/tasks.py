from celery import shared_task


@shared_task(name="core.ping")
def ping(payload: dict) -> dict:
    """Echo with the worker's pid: proves a real worker picked the task up."""
    import os

    return {"echo": payload, "pid": os.getpid()}
