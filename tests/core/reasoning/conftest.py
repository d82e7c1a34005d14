"""``core.reasoning`` is a library: its tests run without a database.

pytest-django already refuses database access to a test without the
``django_db`` mark; this conftest also fails, before it starts, any test here
that asks for the database (the mark, the ``postgres`` marker, or a database
fixture such as ``db`` or ``cast``), so no one adds one back by accident.
Steps go to a ``ListSink`` instead of a Run.
"""

import pytest

from core.steps.events import ListSink, Steps

DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "cast",
    "client_for",
    "admin_user",
    "django_user_model",
}


def pytest_runtest_setup(item):
    asked = DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    marks = [m for m in ("django_db", "postgres") if item.get_closest_marker(m)]
    if asked or marks:
        pytest.fail(
            f"{item.nodeid} asks for the database ({', '.join(sorted(asked) + marks)}); "
            "core.reasoning tests run without one: record steps on a ListSink",
            pytrace=False,
        )


@pytest.fixture
def sink():
    return ListSink()


@pytest.fixture
def steps(sink):
    return Steps(sink)
