import pytest

from apps.compliance.ifc_reader import read_ifc_bytes
from apps.compliance.packs import ADA_2010
from apps.compliance.rules import check_ifc, rules_from_packs


def ifc_with_door(width: float, height: float, unit_prefix: str | None) -> bytes:
    import ifcopenshell
    import ifcopenshell.api

    f = ifcopenshell.api.run("project.create_file", version="IFC4")
    project = ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcProject", name="P")
    length = ifcopenshell.api.run("unit.add_si_unit", f, unit_type="LENGTHUNIT", prefix=unit_prefix)
    ifcopenshell.api.run("unit.assign_unit", f, units=[length])
    site = ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcSite")
    building = ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcBuilding")
    storey = ifcopenshell.api.run(
        "root.create_entity", f, ifc_class="IfcBuildingStorey", name="Level 1"
    )
    ifcopenshell.api.run("aggregate.assign_object", f, relating_object=project, products=[site])
    ifcopenshell.api.run("aggregate.assign_object", f, relating_object=site, products=[building])
    ifcopenshell.api.run("aggregate.assign_object", f, relating_object=building, products=[storey])
    door = ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcDoor", name="D-1")
    door.OverallWidth, door.OverallHeight = width, height
    ifcopenshell.api.run("spatial.assign_container", f, relating_structure=storey, products=[door])
    return f.to_string().encode()


@pytest.mark.parametrize("prefix,scale", [("MILLI", 1000.0), (None, 1.0)])
def test_door_findings_follow_the_declared_length_unit(prefix, scale):
    model = read_ifc_bytes(ifc_with_door(0.80 * scale, 2.10 * scale, prefix), name="m.ifc")
    assert model.length_unit == ("mm" if prefix else "m")
    fs = {f.rule: f for f in check_ifc(model, rules_from_packs([ADA_2010]))}
    width = fs["ADA-404.2.3"]
    assert width.measured == pytest.approx(0.80) and width.status == "fail"
    assert width.storey == "Level 1"
    assert fs["ADA-307.4"].status == "pass"


def test_an_ifc_without_storeys_lists_its_elements_and_says_so():
    import ifcopenshell
    import ifcopenshell.api

    f = ifcopenshell.api.run("project.create_file", version="IFC4")
    ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcProject", name="P")
    door = ifcopenshell.api.run("root.create_entity", f, ifc_class="IfcDoor", name="D")
    door.OverallWidth, door.OverallHeight = 0.9, 2.1
    model = read_ifc_bytes(f.to_string().encode(), name="n.ifc")
    assert any("no building storeys" in w for w in model.warnings)
    assert model.storeys[0].elements[0].values["door_width"] == pytest.approx(0.9)


@pytest.mark.slow
def test_plans_cut_from_an_ifc_find_its_doors_rooms_and_stair_risers():
    import ifcopenshell

    from apps.compliance.ifc_plan import plans_from_ifc
    from tests.conftest import shared_data

    path = shared_data("drawings", "ifc", "AC11-FZK-Haus-IFC.ifc")
    model = read_ifc_bytes(path.read_bytes(), name=path.name)
    plans = {p.storey: p for p in plans_from_ifc(model.file, name=path.name)}
    ground = next(iter(plans.values()))
    stated = sorted(
        el.values["door_width"] for st in model.storeys for el in st.elements if el.kind == "door"
    )
    cut = sorted(d.width_m for d in ground.doors)
    assert len(cut) == len(stated)
    assert all(abs(a - b) <= 0.03 for a, b in zip(cut, stated, strict=True))
    assert ground.regions and any(d.is_exterior for d in ground.doors)
    assert isinstance(ifcopenshell.file, type)
