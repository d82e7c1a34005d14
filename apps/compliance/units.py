"""Drawing units: the ones an engineer chose on the upload form, and a plausibility
check on the ones the file declares (a millimetre plan marked as metres would give
800 m doors; it is refused with a sentence instead of checked)."""

from __future__ import annotations

import statistics

from django.utils.translation import gettext, gettext_noop

from apps.compliance.errors import DrawingError

# Upload-form choice -> (metres per unit, name)
CHOICES = {
    "mm": (0.001, "millimetres"),
    "cm": (0.01, "centimetres"),
    "m": (1.0, "metres"),
    "in": (0.0254, "inches"),
    "ft": (0.3048, "feet"),
}
# The units' names in the sentence below, in the reader's language (a DXF may declare
# decimetres, which the upload form does not offer).
UNIT_WORDS = {
    "millimetres": gettext_noop("millimetres"),
    "centimetres": gettext_noop("centimetres"),
    "decimetres": gettext_noop("decimetres"),
    "metres": gettext_noop("metres"),
    "inches": gettext_noop("inches"),
    "feet": gettext_noop("feet"),
}
# A storey plan is more than half a metre and less than two kilometres across.
PLAN_MIN_M, PLAN_MAX_M = 0.5, 2000.0
# Door-layer pieces: the largest (a leaf, a block) is wider than 0.2 m, and most
# (frames, stops, leaves) are shorter than 6 m.
DOOR_PIECE_MIN_M, DOOR_PIECE_MAX_M = 0.2, 6.0


class ImplausibleUnits(DrawingError):
    """The declared units make the drawing an impossible size; the engineer should choose.
    Its sentence is in the active language (the check runs in the engineer's)."""


def chosen(key: str | None) -> tuple[float, str] | None:
    """The (scale, name) of an upload-form choice, or None for "as the file says"."""
    return CHOICES.get(key or "")


def check_plausible(name: str, unit: str, scale: float, extent_units: float, doors) -> None:
    """Raise ImplausibleUnits when, at ``scale`` metres per unit, the drawing or its doors
    are a size no building plan has. ``doors`` are the door-layer pieces' sizes in units."""
    extent = extent_units * scale
    typical = statistics.median(doors) * scale if doors else None
    largest = max(doors) * scale if doors else None
    too_big = extent > PLAN_MAX_M or (typical is not None and typical > DOOR_PIECE_MAX_M)
    too_small = extent < PLAN_MIN_M or (largest is not None and largest < DOOR_PIECE_MIN_M)
    if not (too_big or too_small):
        return
    size = f"{extent:,.0f} m" if extent >= 10 else f"{extent:.3g} m"
    if too_big and typical is not None:
        what = gettext(
            "the plan would be %(size)s across and its door pieces typically %(door).3g m long"
        ) % {"size": size, "door": typical}
    elif largest is not None:
        what = gettext(
            "the plan would be %(size)s across and its largest door piece %(door).3g m long"
        ) % {"size": size, "door": largest}
    else:
        what = gettext("the plan would be %(size)s across") % {"size": size}
    better = [
        gettext("%(units)s (%(extent)s m across)")
        % {"units": _unit_words(label), "extent": f"{extent_units * s:,.1f}"}
        for s, label in CHOICES.values()
        if PLAN_MIN_M * 4 <= extent_units * s <= PLAN_MAX_M / 4 and s != scale
    ]
    sentences = [
        gettext(
            "%(name)s says it is drawn in %(unit)s, but then %(what)s, which no building plan "
            "is: its units header looks wrong, so it was not checked."
        )
        % {"name": name, "unit": _unit_words(unit), "what": what}
    ]
    if better:
        sentences.append(
            gettext("In %(units)s it would be a plausible size.") % {"units": better[0]}
        )
    sentences.append(gettext("Choose the drawing units on the upload form and check it again."))
    raise ImplausibleUnits(" ".join(sentences))


def _unit_words(name: str) -> str:
    return gettext(UNIT_WORDS[name]) if name in UNIT_WORDS else name
