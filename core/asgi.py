"""ASGI entry point: long-lived event streams (run progress) do not tie up a worker.

Django's ASGI handler runs each request's sync code (middleware, views, the
ORM) on a thread made for that request and thrown away after it. Database
connections belong to a thread, so every request opened a new PostgreSQL
connection (a backend forked and authenticated: about 6 ms of database CPU and
7 ms of wall time per page on the load bench) and persistent connections could
not be used (they piled up with their dead threads). Here each request borrows
a single-thread executor from a small per-process pool instead, so its thread,
and that thread's connection (``CONN_MAX_AGE``), serve the next request. When
more requests are in flight than the pool keeps (event streams hold theirs for
minutes), extra executors are made as before and, once done, close their
connections and stop.
"""

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import django
from asgiref.sync import ThreadSensitiveContext
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")


class PooledThreadASGIHandler(ASGIHandler):
    """``ASGIHandler`` whose requests reuse threads (see the module docstring)."""

    def __init__(self, keep: int):
        super().__init__()
        self.keep = keep
        self.idle: list[ThreadPoolExecutor] = []  # touched only on the event loop

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        executor = self.idle.pop() if self.idle else self._new_executor()
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            if len(self.idle) < self.keep:
                self.idle.append(executor)
            else:
                await self._retire(executor)

    def _new_executor(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="django-request")

    async def _retire(self, executor: ThreadPoolExecutor) -> None:
        try:
            await asyncio.get_running_loop().run_in_executor(executor, connections.close_all)
        finally:
            executor.shutdown(wait=False)


django.setup(set_prefix=False)  # as django.core.asgi.get_asgi_application() does
application = PooledThreadASGIHandler(keep=settings.ASGI_THREADS)
