"""The ASGI entry point reuses request threads (so their database connections
serve later requests) and retires the executors it does not keep."""

import asyncio
import threading

import httpx
import pytest
from django.http import JsonResponse
from django.urls import path

from core.asgi import PooledThreadASGIHandler

seen_threads: list[int] = []
gate = threading.Event()
served = threading.local()  # per thread: how many requests it has served


def where(request):
    served.count = getattr(served, "count", 0) + 1
    seen_threads.append(threading.get_ident())
    return JsonResponse({"served_by_this_thread": served.count})


def slow(request):
    gate.wait(5)
    seen_threads.append(threading.get_ident())
    return JsonResponse({"thread": threading.get_ident()})


urlpatterns = [path("where", where), path("slow", slow)]


@pytest.fixture
def handler(settings):
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["testserver"]
    seen_threads.clear()
    gate.clear()
    return PooledThreadASGIHandler(keep=2)


async def _get(app, paths):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        return await asyncio.gather(*(client.get(p) for p in paths))


@pytest.mark.django_db(transaction=True)
def test_one_request_after_another_runs_on_the_same_thread(handler):
    async def sequential():
        return [(await _get(handler, ["/where"]))[0] for _ in range(4)]

    replies = asyncio.run(sequential())
    assert [r.status_code for r in replies] == [200] * 4
    assert [r.json()["served_by_this_thread"] for r in replies] == [1, 2, 3, 4]
    assert len(handler.idle) == 1
    assert threading.get_ident() not in seen_threads  # sync code never runs on the loop


@pytest.mark.django_db(transaction=True)
def test_requests_in_flight_together_get_their_own_threads_and_extras_are_retired(handler):
    async def together():
        asyncio.get_running_loop().call_later(0.5, gate.set)
        return await _get(handler, ["/slow"] * 5)

    replies = asyncio.run(together())
    assert [r.status_code for r in replies] == [200] * 5
    assert len(set(seen_threads)) == 5  # none waited for another's thread
    assert len(handler.idle) == 2  # kept two; the other three closed their connections
    assert all(not executor._shutdown for executor in handler.idle)
