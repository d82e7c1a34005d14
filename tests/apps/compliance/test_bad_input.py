"""Bad input gets a clear sentence and nothing half-written: a wrong units header,
duplicated entities. (Doors as blocks without attributes: test_door_openings; no walls:
test_plan_extraction; oversized files: test_sniffing and test_check_pages.)"""

import io

import ezdxf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.plan import build_plan
from apps.compliance.rules import check_plan
from apps.compliance.units import ImplausibleUnits
from tests.apps.compliance.drawings import corridor_plan, office_plan
from tests.apps.compliance.test_check_pages import packs, upload  # noqa: F401
from tests.apps.compliance.test_rules import RULES


def test_a_millimetre_plan_marked_as_metres_is_refused_as_implausible():
    data = office_plan(units=6, scale=1000.0)  # millimetre coordinates, header says metres
    with pytest.raises(ImplausibleUnits) as error:
        read_dxf_bytes(data, name="level2.dxf")
    sentence = str(error.value)
    assert "level2.dxf says it is drawn in metres" in sentence
    assert "32,400 m across" in sentence and "looks wrong" in sentence
    assert "In millimetres (32.4 m across)" in sentence and "upload form" in sentence


def test_a_metre_plan_marked_as_millimetres_is_refused_too():
    with pytest.raises(ImplausibleUnits, match="drawn in millimetres"):
        read_dxf_bytes(office_plan(units=4, scale=1.0), name="x.dxf")


def test_an_inch_plan_marked_as_millimetres_is_refused_by_its_door_sizes():
    inches = 1 / 0.0254
    with pytest.raises(ImplausibleUnits, match="largest door piece 0.0"):
        read_dxf_bytes(corridor_plan(units=4, scale=inches), name="x.dxf")


def test_units_chosen_on_the_form_override_a_wrong_header_and_say_so():
    raw = read_dxf_bytes(office_plan(units=6, scale=1000.0), name="x.dxf", units="mm")
    assert any("chosen on the upload form: millimetres" in w for w in raw.warnings)
    plan = build_plan(raw)
    assert sorted({round(d.width_m, 3) for d in plan.doors}) == [1.0, 1.2]


@pytest.mark.postgres
def test_the_wrong_units_sentence_shows_and_the_form_offers_the_units(
    cast,
    client_for,
    packs,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    from apps.compliance.models import Check

    client = client_for(cast["engineer"])
    form = client.get("/compliance/").content.decode()
    assert 'name="drawing_units"' in form and "millimetres" in form
    data = office_plan(units=6, scale=1000.0)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, packs["ada-2010"], [SimpleUploadedFile("l2.dxf", data)])
    page = client.get(response["Location"]).content.decode()
    assert "looks wrong, so it was not checked" in page
    assert "#id_drawing_units" in page  # a link to the units choice
    assert not Check.objects.get().result.get("findings")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            client,
            packs["ada-2010"],
            [SimpleUploadedFile("l2.dxf", data)],
            drawing_units="mm",
        )
    check = Check.objects.latest("pk")
    assert check.parameters["drawing_units"] == "mm"
    assert any(f["measurement"] == "door_width" for f in check.result["findings"])


def doubled(data: bytes) -> bytes:
    """Every model-space entity drawn a second time on top of itself."""
    doc = ezdxf.read(io.StringIO(data.decode()))
    msp = doc.modelspace()
    for e in list(msp):
        msp.add_entity(e.copy())
    buf = io.StringIO()
    doc.write(buf)
    return buf.getvalue().encode()


def test_entities_drawn_twice_are_counted_once_and_the_drawing_says_so():
    once = build_plan(read_dxf_bytes(corridor_plan(door_width=0.75), name="a.dxf"))
    twice = build_plan(read_dxf_bytes(doubled(corridor_plan(door_width=0.75)), name="b.dxf"))
    assert any("drawn twice on top of each other" in w for w in twice.warnings)
    assert twice.counts == once.counts
    shape = [(f.rule, f.status, f.measured) for f in check_plan(once, RULES)]
    assert [(f.rule, f.status, f.measured) for f in check_plan(twice, RULES)] == shape


def test_a_plan_without_walls_says_why_no_route_was_traced():
    doc = ezdxf.read(io.StringIO(corridor_plan().decode()))
    msp = doc.modelspace()
    for e in list(msp.query("LWPOLYLINE[layer=='A-WALL']")):
        msp.delete_entity(e)
    buf = io.StringIO()
    doc.write(buf)
    plan = build_plan(read_dxf_bytes(buf.getvalue().encode(), name="nowalls.dxf"))
    assert any("no walls" in w for w in plan.warnings)
    travel = [f for f in check_plan(plan, RULES) if f.measurement == "travel_distance"]
    assert travel and all(f.status == "needs-review" for f in travel)
    assert all("the drawing has no walls" in f.note for f in travel)


def test_the_implausible_units_sentence_is_in_the_engineers_language():
    from django.utils import translation

    data = office_plan(units=6, scale=1000.0)
    with translation.override("zh-hans"), pytest.raises(ImplausibleUnits) as error:
        read_dxf_bytes(data, name="二层.dxf")
    sentence = str(error.value)
    assert "二层.dxf" in sentence and "32,400 m" in sentence and "毫米" in sentence
    assert "looks wrong" not in sentence and "upload form" not in sentence
