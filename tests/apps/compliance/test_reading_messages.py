"""Why a drawing cannot be read, and what was noticed reading it, are stored in
English and shown in the reader's language; text stored before (or in another
language) is shown as it is."""

import re

import pytest
from django.utils import translation

from apps.compliance import reading_messages as m
from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.errors import DrawingError
from apps.compliance.ifc_reader import read_ifc_bytes
from apps.compliance.plan import build_plan
from apps.compliance.reading_messages import reading_words, storey_words
from core.text.sentences import PLACEHOLDER
from tests.apps.compliance.drawings import corridor_plan

SENTENCES = {k: v for k, v in vars(m).items() if k.isupper() and isinstance(v, str)}
# Names of formats, programs and header variables stay as they are in every language,
# and so does 'wall', the word looked for in layer names.
KEPT = {"DXF", "IFC", "DWG", "ASCII", "AutoCAD", "CAD", "ZIP", "IFCZIP", "ifc", "ezdxf"}
KEPT |= {"INSUNITS", "wall"}


def english_words(text: str, *names: str) -> list[str]:
    """Words of three or more Latin letters that are not a kept name, a parameter or
    the name of a library's exception (``ValueError``)."""
    for name in names:
        text = text.replace(name, " ")
    words = re.findall(r"[A-Za-z]{3,}", text)
    return [w for w in words if w not in KEPT and not w.endswith("Error")]


def filled(sentence: str) -> str:
    params = {name: "plan-7.dxf" for name in PLACEHOLDER.findall(sentence)}
    if "unit" in params:
        params["unit"] = "millimetres"
    if "reason" in params:
        params["reason"] = m.NO_STOREYS_TO_CUT % {"name": "plan-7.dxf"}
    return sentence % params


@pytest.mark.parametrize("key", sorted(SENTENCES))
@pytest.mark.parametrize("language", ["zh-hans", "hi", "bn"])
def test_every_stored_sentence_reads_back_in_the_readers_language(key, language):
    stored = filled(SENTENCES[key])
    with translation.override(language):
        shown = reading_words(stored)
    assert shown != stored
    assert english_words(shown, "plan-7.dxf") == [], (key, shown)


def test_a_sentence_keeps_its_numbers_and_names():
    stored = m.DRAWN_TWICE % {"name": "Level 2.dxf", "count": 17}
    with translation.override("zh-hans"):
        shown = reading_words(stored)
    assert "17" in shown and "Level 2.dxf" in shown


def test_text_stored_before_or_in_another_language_is_shown_as_it_is():
    old = "level1.dxf is drawn in inches; converted to metres (1 inche = 0.0254 m)."
    with translation.override("zh-hans"):
        assert reading_words(old) == old
        assert reading_words("图纸单位有误") == "图纸单位有误"
        assert reading_words("") == ""


def test_in_english_the_stored_sentence_is_what_is_shown():
    stored = m.NO_ENTITIES % {"name": "a.dxf"}
    with translation.override("en"):
        assert reading_words(stored) == stored


def reading_error(read, data: bytes, name: str) -> str:
    with pytest.raises(DrawingError) as error:
        read(data, name=name)
    return str(error.value)


@pytest.mark.parametrize(
    ("read", "data", "name"),
    [
        (read_dxf_bytes, b"", "empty.dxf"),
        (read_dxf_bytes, b"AC1027" + b"\x00" * 200, "plan.dxf"),
        (read_dxf_bytes, b"AutoCAD Binary DXF\r\n\x1a\x00", "plan.dxf"),
        (read_dxf_bytes, b"PK\x03\x04rest", "model.ifczip"),
        (read_dxf_bytes, b"ISO-10303-21;\nHEADER;", "model.ifc"),
        (read_dxf_bytes, b"hello world", "notes.txt"),
        (read_dxf_bytes, b"0\nSECTION\n2\nENTITIES\n0\nENDSEC\n0\nEOF\n", "blank.dxf"),
        (read_ifc_bytes, b"0\nSECTION\n2\nHEADER\n0\nENDSEC\n0\nEOF\n", "plan.dxf"),
        (read_ifc_bytes, b"ISO-10303-21;\nthis is not a model", "broken.ifc"),
    ],
)
def test_a_reading_error_shows_no_english_in_chinese(read, data, name):
    with translation.override("en"):
        stored = reading_error(read, data, name)
    assert english_words(stored, name)  # the stored sentence is English
    with translation.override("zh-hans"):
        shown = reading_words(stored)
    assert name in shown
    assert english_words(shown, name) == [], shown


def test_the_warnings_of_a_dxf_without_units_or_walls_show_no_english_in_chinese():
    raw = read_dxf_bytes(corridor_plan(door_width=0.9, units=0), name="level1.dxf")
    raw.entities = [e for e in raw.entities if e.category != "wall"]
    plan = build_plan(raw)
    assert any("no walls" in w for w in plan.warnings)
    assert any("no drawing units set" in w for w in plan.warnings)
    with translation.override("zh-hans"):
        shown = [reading_words(w) for w in plan.warnings]
    assert shown and all(english_words(w, "level1.dxf") == [] for w in shown), shown


def test_a_storey_warning_and_the_storey_of_loose_elements_show_no_english_in_chinese():
    import ifcopenshell
    import ifcopenshell.api

    f = ifcopenshell.api.run("project.create_file", version="IFC4")
    ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcProject", name="P")
    door = ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcDoor", name="D")
    door.OverallWidth, door.OverallHeight = 0.9, 2.1
    with translation.override("en"):
        model = read_ifc_bytes(f.to_string().encode(), name="n.ifc")
    assert any("no building storeys" in w for w in model.warnings)
    with translation.override("zh-hans"):
        warnings = [reading_words(w) for w in model.warnings]
        storey = storey_words(model.storeys[0].name)
    assert all(english_words(w, "n.ifc") == [] for w in warnings), warnings
    assert english_words(storey) == [] and storey != model.storeys[0].name
    assert storey_words("Level 1") == "Level 1"
