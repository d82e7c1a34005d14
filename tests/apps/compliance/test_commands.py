import json
from io import StringIO

from django.core.management import call_command

from tests.apps.compliance.drawings import corridor_plan
from tests.apps.compliance.test_ifc_attributes import ifc_with_door


def test_compliance_check_prints_findings_for_dxf_and_millimetre_ifc(tmp_path):
    dxf = tmp_path / "level1.dxf"
    dxf.write_bytes(corridor_plan(door_width=0.75))
    ifc = tmp_path / "model.ifc"
    ifc.write_bytes(ifc_with_door(780.0, 2100.0, "MILLI"))
    out = StringIO()
    call_command(
        "compliance_check",
        str(dxf),
        str(ifc),
        "--pack",
        "ada-2010",
        "--json",
        stdout=out,
        stderr=StringIO(),
    )
    results = {r["file"]: r for r in json.loads(out.getvalue().strip().splitlines()[-1])["results"]}
    doors = [f for f in results["level1.dxf"]["findings"] if f["rule"] == "ADA-404.2.3"]
    assert sorted(f["status"] for f in doors) == ["fail", "fail", "pass"]
    (ifc_door,) = [f for f in results["model.ifc"]["findings"] if f["rule"] == "ADA-404.2.3"]
    assert ifc_door["measured"] == 0.78 and ifc_door["status"] == "fail"


def test_compliance_check_reports_unreadable_files_in_plain_words(tmp_path):
    bad = tmp_path / "plan.dxf"
    bad.write_bytes(b"AC1032" + b"\x00" * 100)
    out = StringIO()
    call_command("compliance_check", str(bad), "--json", stdout=out, stderr=StringIO())
    (result,) = json.loads(out.getvalue().strip().splitlines()[-1])["results"]
    assert "DWG" in result["error"]


def test_compliance_eval_reports_one_building_on_its_own(tmp_path):
    from tests.apps.compliance.drawings import office_plan

    for name, rooms in (("small", 2), ("large", 4)):
        (tmp_path / f"{name}__F1.dxf").write_bytes(office_plan(rooms_per_side=rooms))
        ref = {"storeys": [{"name": "F1", "dxf_file": f"{name}__F1.dxf"}], "doors": []}
        (tmp_path / f"{name}__ifc-attributes.json").write_text(json.dumps(ref))
    out = StringIO()
    args = ["--data", str(tmp_path), "--json", "--seed", "1", "--building", "small"]
    call_command("compliance_eval", *args, stdout=out, stderr=StringIO())
    result = json.loads(out.getvalue().strip().splitlines()[-1])
    assert result["storeys"] == 1 and result["findings_without_measurement"] == 0
