"""Every route in the URL configuration, with a way to fill its parameters."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

# Values for parameters that name no object: the view must answer 404 (or refuse
# the user first), never 500.
MISSING = {
    "int": "987654",
    "slug": "no-such-thing",
    "str": "no-such-thing",
    "uuid": str(uuid.UUID(int=987654)),
    "path": "no/such/thing",
}
_PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself when unnamed
    route: str  # "runs/<int:pk>/"
    params: tuple[tuple[str, str], ...]  # (name, converter)

    def url(self, **values) -> str:
        def fill(match):
            conv = match.group("conv") or "str"
            name = match.group("name")
            return str(values.get(name, MISSING.get(conv, MISSING["str"])))

        return "/" + _PARAM.sub(fill, self.route)


def routes(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    """All routes except Django admin's own (staff-only, Django's tested code)."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    found: list[Route] = []
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # regex routes: only Django's admin uses them here
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            ns = f"{entry.namespace}:" if entry.namespace else namespace
            found += routes(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern):
            params = tuple(
                (m.group("name"), m.group("conv") or "str") for m in _PARAM.finditer(route)
            )
            name = namespace + entry.name if entry.name else route
            found.append(Route(name, route, params))
    return found
