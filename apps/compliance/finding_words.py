"""A finding's words in the reader's language: its status, its measured value,
the element it is about. Shared by the check page, the PDF report and the plan."""

from __future__ import annotations

import re

from django.utils.translation import gettext

from apps.compliance.rules import measured_text

# The labels rules.py gives the elements it measures ("door D3", "stair S1 flight 2").
ELEMENT = re.compile(r"^(door|stair) (\S+)(?: flight (\d+))?$")


def status_words(status: str) -> str:
    words = {
        "fail": gettext("fails"),
        "needs-review": gettext("needs review"),
        "pass": gettext("passes"),
    }
    return words.get(status, status)


def measured_words(finding: dict) -> str:
    shown = measured_text(finding)
    words = {"not measured": gettext("not measured"), "none reachable": gettext("none reachable")}
    return words.get(shown, shown)


def element_words(finding: dict) -> str:
    """The element in the reader's language: "door D3" as "门 D3"; a name from the
    drawing (a room's, an IFC element's) as it is."""
    label = finding.get("label") or finding.get("element") or ""
    found = ELEMENT.match(label)
    if not found:
        return label
    kind, name, flight = found.groups()
    if kind == "door":
        return gettext("door %(name)s") % {"name": name}
    if flight:
        return gettext("stair %(name)s, flight %(n)s") % {"name": name, "n": flight}
    return gettext("stair %(name)s") % {"name": name}
