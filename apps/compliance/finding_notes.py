"""A finding's note as data: each sentence a message id and its parameters
(measured numbers, names), stored with the finding and put into words in the
reader's language when it is shown, so a finding made once reads in any language.

A finding stored before notes were data has only its English ``note``: that
text is shown as it is.
"""

from __future__ import annotations

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, pgettext

# One message per sentence the measuring code can write; numbers stay numbers.
MESSAGES: dict[str, str] = {
    "door.opening": gettext_noop("opening between the jambs (%(source)s)"),
    "door.outline": gettext_noop("drawn outline %(outline_m).3f m (casing or block included)"),
    "door.no_jambs": gettext_noop(
        "drawn %(source)s outline: no wall bounds this door at both jambs"
    ),
    "door.clear": gettext_noop("clear width past the stops and leaf %(clear_m).3f m"),
    "door.clear_under": gettext_noop(
        "the opening (%(opening_m).3f m) passes, but the clear width past the stops and "
        "leaf (%(clear_m).3f m) is under %(limit)g %(units)s"
    ),
    "stair.no_flight": gettext_noop(
        "no straight flight found (winders or spiral): measure by hand"
    ),
    "stair.no_riser": gettext_noop("riser height not drawn (no elevations)"),
    "ifc.no_attribute": gettext_noop("attribute not set in the model"),
    "travel.no_walls": gettext_noop(
        "the drawing has no walls, so no route to an exit could be traced"
    ),
    "travel.no_exit_on_storey": gettext_noop(
        "no exit on this storey (no door opens to the outside and no stair is drawn), "
        "so no route could be computed"
    ),
    "travel.floor_covered": gettext_noop(
        "the floor of %(room)s is covered by walls on the %(cell_m)g m measuring grid, "
        "so no route could be computed"
    ),
    "travel.unreachable": gettext_noop("no exit reachable from %(room)s"),
    "travel.route": gettext_noop(
        "route of %(distance_m)g m from the most remote point of %(room)s to exit "
        "%(exit)s (drawn on the plan)"
    ),
    "travel.cut_off": gettext_noop(
        "about %(area_m2).1f m² of the room has no route out and was left out "
        "(a closed-off part: check it)"
    ),
    "dead_end.route": gettext_noop(
        "dead end of %(length_m)g m from the end of the corridor to its nearest way out, "
        "%(way_out)s (route drawn on the plan)"
    ),
    "corridor.narrowest": gettext_noop("narrowest point on the route between its doors"),
    "corridor.pinch": gettext_noop("pinch between two parts of the route"),
    "corridor.too_narrow": gettext_noop("the corridor is narrower than required throughout"),
    "corridor.narrow_door": gettext_noop(
        "a door on this corridor is reached only through a narrower passage"
    ),
}

# How a door's width was found: a word a parameter carries, put into words too.
DOOR_SOURCES = {
    "swing": gettext_noop("swing"),
    "block": gettext_noop("block"),
    "layer": gettext_noop("layer"),
}

# Parameters that are names from the drawing (a room's, an exit's): shown as they are.
NAMES = {"room", "exit", "way_out"}

# Where a note's reason is that no exit can be reached (the value is "none reachable").
UNREACHABLE = "travel.unreachable"


def note(message_id: str, **params: object) -> dict:
    """One sentence of a note, as it is stored: ``{"id": ..., "params": {...}}``."""
    if message_id not in MESSAGES:
        raise KeyError(f"no note message {message_id!r}")
    return {"id": message_id, "params": params}


def _sentence(part: dict, translate, name=str) -> str:
    """One sentence; ``name`` marks up the names from the drawing (for a page)."""
    template = MESSAGES.get(part.get("id", ""))
    if template is None:
        raise KeyError(part.get("id"))
    params = dict(part.get("params") or {})
    if params.get("source") in DOOR_SOURCES:
        params["source"] = translate(DOOR_SOURCES[params["source"]])
    for key in NAMES & params.keys():
        params[key] = name(params[key])
    return translate(template) % params


def english(parts: list[dict]) -> str:
    """The note in English: the text stored beside the parts, for readers of old
    findings, the command line and the model's question."""
    return "; ".join(_sentence(p, str) for p in parts)


def note_words(finding: dict) -> str:
    """The finding's note in the active language; a finding stored with only an
    English note (or with a message this version no longer has) shows that text."""
    parts = finding.get("notes")
    if not parts:
        return finding.get("note", "")
    try:
        return pgettext("between the sentences of a note", "; ").join(
            _sentence(p, gettext) for p in parts
        )
    except (KeyError, TypeError, ValueError):
        return finding.get("note", "")


def note_html(finding: dict) -> SafeString:
    """``note_words`` for a page: the names from the drawing marked as data."""
    parts = finding.get("notes")
    if not parts:
        return conditional_escape(finding.get("note", ""))

    def escaped(message: str) -> str:
        return str(conditional_escape(gettext(message)))

    def name(value) -> str:
        return format_html('<span class="from-data">{}</span>', value)

    separator = str(conditional_escape(pgettext("between the sentences of a note", "; ")))
    try:
        return mark_safe(separator.join(_sentence(p, escaped, name) for p in parts))  # noqa: S308
    except (KeyError, TypeError, ValueError):
        return conditional_escape(finding.get("note", ""))


def is_unreachable(finding: dict) -> bool:
    """No exit can be reached from the finding's room (its value is "none reachable")."""
    parts = finding.get("notes")
    if parts:
        return any(p.get("id") == UNREACHABLE for p in parts)
    return "no exit reachable" in finding.get("note", "")
