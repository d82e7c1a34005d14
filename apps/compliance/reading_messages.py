"""Every sentence reading a drawing can say: why a file cannot be read (a
``DrawingError``) and what was noticed while reading it (a warning). The reading
code writes them in English with their parameters filled in (that text is what is
stored: on the drawing, in the check's result, in the command line's output);
``reading_words`` puts a stored sentence into the active language when it is
shown, reading the parameters back out of it. Any other text (stored before this
list, or written in the engineer's language already) is shown as it is."""

from __future__ import annotations

from functools import cache

from django.utils.translation import gettext, gettext_noop

from apps.compliance.units import UNIT_WORDS
from core.text import KnownSentences

# Sniffing and size (sniff.py); a file without a name is "The file".
THE_FILE = gettext_noop("The file")
TOO_LARGE = gettext_noop(
    "%(name)s is %(size)s MB; drawings up to %(limit)s MB are accepted. "
    "Split it per storey or purge unused blocks."
)
EMPTY = gettext_noop("%(name)s is empty.")
DWG = gettext_noop(
    "%(name)s is an AutoCAD DWG drawing (version %(version)s), not DXF. "
    "Save it as DXF (ASCII) from your CAD program and upload that."
)
BINARY_DXF = gettext_noop("%(name)s is a binary DXF. Save it as ASCII DXF and upload that.")
ZIP = gettext_noop("%(name)s is a ZIP archive (perhaps IFCZIP). Unzip it and upload the .ifc.")
NEITHER = gettext_noop(
    "%(name)s is neither a DXF nor an IFC file (its first bytes match neither format)."
)
NO_FILES = gettext_noop("Choose at least one DXF or IFC file.")

# DXF (dxf_reader.py)
IFC_NOT_DXF = gettext_noop("%(name)s is an IFC model, not a DXF drawing.")
DXF_UNREADABLE = gettext_noop("%(name)s is not a readable DXF file (%(reason)s).")
DXF_FAILED = gettext_noop("%(name)s could not be read as DXF (%(error)s).")
DXF_REPAIRED = gettext_noop("The DXF had %(count)s structural errors; ezdxf repaired them.")
DRAWN_IN = gettext_noop("%(name)s is drawn in %(unit)s; each unit was converted to %(scale)s m.")
ASSUMED = gettext_noop("%(unit)s (assumed)")
ASSUMED_MM = gettext_noop(
    "%(name)s has no drawing units set ($INSUNITS=%(code)s); its extent (%(span)s units) "
    "suggests millimetres, which was assumed. Set $INSUNITS to be sure."
)
ASSUMED_M = gettext_noop(
    "%(name)s has no drawing units set ($INSUNITS=%(code)s); metres were assumed from "
    "its extent (%(span)s units). Set $INSUNITS to be sure."
)
UNITS_CHOSEN = gettext_noop(
    "Units chosen on the upload form: %(unit)s (the file says %(file_says)s)."
)
TOO_MANY_ENTITIES = gettext_noop(
    "%(name)s has %(count)s entities; up to %(limit)s per storey are checked. "
    "Split the drawing per storey or purge unused content."
)
NO_ENTITIES = gettext_noop("%(name)s contains no drawing entities (the model space is empty).")
DRAWN_TWICE = gettext_noop(
    "%(name)s has %(count)s entities drawn twice on top of each other; each copy was counted once."
)
FAR_FROM_ORIGIN = gettext_noop(
    "%(name)s lies about %(km)s km from the drawing origin; it was moved next to the "
    "origin for measuring, and locations are reported in the drawing's own coordinates."
)

# Plans (plan.py)
WALLS_GUESSED = gettext_noop(
    "No layer name says 'wall'; linework on unrecognised layers (%(layers)s) was treated as walls."
)
NO_WALLS = gettext_noop(
    "The drawing has no walls: rooms, corridors and egress could not be traced."
)
ONLY_TEXT = gettext_noop("%(name)s has only text in it; there is nothing to measure.")

# IFC (ifc_reader.py, ifc_plan.py)
DXF_NOT_IFC = gettext_noop("%(name)s is a DXF drawing, not an IFC model.")
IFC_FAILED = gettext_noop("%(name)s could not be read as IFC (%(error)s).")
IFC_SCHEMA = gettext_noop("%(name)s uses schema %(schema)s; IFC2X3 and IFC4 are supported.")
NO_STOREYS = gettext_noop("%(name)s has no building storeys; its elements are listed together.")
NOTHING_TO_CHECK = gettext_noop("%(name)s has no doors, stairs or spaces to check.")
NO_STOREYS_TO_CUT = gettext_noop("%(name)s has no building storeys to cut plans from.")
NOTHING_TO_DRAW = gettext_noop(
    "%(name)s has no walls, doors, stairs or spaces to draw a plan from."
)
NO_GEOMETRY = gettext_noop("%(name)s: no element geometry could be built.")
NO_PLAN = gettext_noop("No plan could be cut from the model: %(reason)s")
# The storey of an IFC element no storey contains (a storey's name where one is shown).
NO_STOREY = gettext_noop("(not in any storey)")


@cache
def _known() -> KnownSentences:
    return KnownSentences(v for k, v in globals().items() if k.isupper() and isinstance(v, str))


def reading_words(stored: str) -> str:
    """``stored`` (a sentence above, in English) in the active language, its unit
    names and any sentence inside it too; any other text as it is."""
    if stored in UNIT_WORDS:
        return gettext(UNIT_WORDS[stored])
    return _known().words(stored, reading_words)


def storey_words(name: str) -> str:
    """A storey's name as shown: the model's own, or "not in any storey" in words."""
    return gettext(NO_STOREY) if name == NO_STOREY else name
