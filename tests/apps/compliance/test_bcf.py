import io
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.compliance.bcf import build_bcf
from tests.apps.compliance.drawings import corridor_plan
from tests.apps.compliance.test_ifc_attributes import ifc_with_door

HOSTILE = "<script>&\x01 clear width"
UUID = re.compile(r"^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$")


@pytest.fixture
def packs(db):
    from io import StringIO

    from apps.compliance import demo
    from apps.compliance.models import RulePack

    demo.load(StringIO())
    return {p.slug: p for p in RulePack.objects.all()}


@pytest.fixture
def finished_check(cast, client_for, packs, django_capture_on_commit_callbacks):
    """A real check of a DXF plan (0.75 m doors) and an IFC model (780 mm door), run inline,
    with a rule pack whose clause title an admin filled with markup and a control character."""
    from apps.compliance.models import Check, Rule

    Rule.objects.filter(code="ADA-404.2.3").update(clause_title=HOSTILE)
    ifc = ifc_with_door(780.0, 2100.0, "MILLI")
    files = [
        SimpleUploadedFile("level1.dxf", corridor_plan(door_width=0.75)),
        SimpleUploadedFile("model.ifc", ifc),
    ]
    client = client_for(cast["engineer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("compliance:home"), {"pack": packs["ada-2010"].pk, "files": files}
        )
    assert response.status_code == 302
    check = Check.objects.get()
    assert check.result.get("findings"), "the check did not finish"
    return check, client, ifc


def topics(zf: zipfile.ZipFile) -> dict[str, dict[str, bytes]]:
    out: dict[str, dict[str, bytes]] = {}
    for name in zf.namelist():
        if "/" in name and not name.endswith("/"):
            folder, file = name.split("/", 1)
            out.setdefault(folder, {})[file] = zf.read(name)
    return out


@pytest.mark.postgres
def test_the_owner_downloads_one_bcf_topic_per_open_finding(finished_check):
    import ifcopenshell

    check, client, ifc = finished_check
    response = client.get(reverse("compliance:report", args=[check.pk, "bcf"]))
    assert response.status_code == 200
    assert response["Content-Type"] in ("application/octet-stream", "application/zip")
    assert f"check-{check.pk}-findings.bcfzip" in response["Content-Disposition"]
    zf = zipfile.ZipFile(io.BytesIO(response.content))
    assert zf.testzip() is None
    version = ET.fromstring(zf.read("bcf.version"))
    assert version.tag == "Version" and version.get("VersionId") == "2.1"

    findings = check.result["findings"]
    open_findings = [f for f in findings if f["status"] in ("fail", "needs-review")]
    assert any(f["status"] == "pass" for f in findings)  # passing ones are left out
    by_folder = topics(zf)
    assert len(by_folder) == len(open_findings)
    descriptions = {}
    for folder, files in by_folder.items():
        assert UUID.match(folder)
        assert f"{folder}/" in zf.namelist()  # directory entries, as the BCF guide asks
        topic = ET.fromstring(files["markup.bcf"]).find("Topic")
        assert topic.get("Guid") == folder
        assert (topic.get("TopicType"), topic.get("TopicStatus")) == ("Issue", "Open")
        assert topic.findtext("CreationAuthor") == "OpenKitchen"
        assert topic.findtext("CreationDate").endswith("Z")
        descriptions[folder] = (topic.findtext("Title"), topic.findtext("Description"), files)

    dxf_doors = [(t, d, fs) for t, d, fs in descriptions.values() if "Drawing: level1.dxf" in d]
    door = next((t, d, fs) for t, d, fs in dxf_doors if t.startswith("ADA-404.2.3"))
    assert "Measured: 0.75 m" in door[1] and "0.75 m" in door[0]
    assert "DXF handle: " in door[1] and "Location: x=" in door[1]
    assert "viewpoint.bcfv" not in door[2]  # DXF findings: no component selection
    assert "404.2.3 <script>& clear width" in door[1]
    raw = door[2]["markup.bcf"]
    assert b"&lt;script&gt;&amp;" in raw and b"<script>" not in raw and b"\x01" not in raw

    global_id = ifcopenshell.file.from_string(ifc.decode()).by_type("IfcDoor")[0].GlobalId
    (ifc_door,) = [
        v for v in descriptions.values() if "Drawing: model.ifc" in v[1] and "ADA-404.2.3" in v[0]
    ]
    assert "Measured: 0.78 m" in ifc_door[1]
    viewpoint = ET.fromstring(ifc_door[2]["viewpoint.bcfv"])
    selected = [c.get("IfcGuid") for c in viewpoint.iter("Component")]
    assert selected == [global_id]
    markup = ET.fromstring(ifc_door[2]["markup.bcf"])
    assert markup.find("Viewpoints").get("Guid") == viewpoint.get("Guid")
    assert markup.findtext("Viewpoints/Viewpoint") == "viewpoint.bcfv"

    again = client.get(reverse("compliance:report", args=[check.pk, "bcf"]))
    assert again.content == response.content  # stable GUIDs: a BIM tool updates, not duplicates


@pytest.mark.postgres
def test_the_check_page_links_the_bcf_export(finished_check):
    check, client, _ = finished_check
    page = client.get(reverse("compliance:check", args=[check.pk])).content.decode()
    assert reverse("compliance:report", args=[check.pk, "bcf"]) in page


@pytest.mark.postgres
def test_other_people_get_the_same_refusal_for_bcf_as_for_other_formats(cast, client_for, packs):
    from apps.compliance.models import Check
    from core.accounts.roles import Role
    from core.accounts.services import create_user_with_role

    other = create_user_with_role("engineer2", "pw-engineer-2", Role.ENGINEER)
    check = Check.objects.create(user=other, title="theirs", pack=packs["ada-2010"])
    for user, status in ((cast["engineer"], 404), (cast["farmer"], 403)):
        client = client_for(user)
        for fmt in ("json", "bcf"):
            url = reverse("compliance:report", args=[check.pk, fmt])
            assert client.get(url).status_code == status, (user, fmt)
    own = client_for(other).get(reverse("compliance:report", args=[check.pk, "bcf"]))
    assert own.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(own.content)).namelist() == ["bcf.version"]  # not run yet


def finding(**extra) -> dict:
    return {
        "n": 1,
        "rule": "R-1",
        "clause": "Code §1",
        "title": "Doors",
        "measurement": "door_width",
        "measured": 0.7,
        "required": "≥ 0.8 m",
        "units": "m",
        "status": "fail",
        "storey": "L1",
        "location": [2.0, 3.0],
        "element": "D1",
        "handles": ["2A"],
        "label": "door D1",
        "drawing": "a.dxf",
        **extra,
    }


def test_hostile_text_in_labels_and_storeys_is_escaped_and_control_characters_dropped():
    created = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    data = build_bcf(
        7,
        [finding(label='<b a="1">&\x01\x1f', storey="\x00]]><x/>")],
        created=created,
        ifc_files=set(),
    )
    ((folder, files),) = topics(zipfile.ZipFile(io.BytesIO(data))).items()
    topic = ET.fromstring(files["markup.bcf"]).find("Topic")
    assert topic.findtext("Title").startswith('R-1 <b a="1">&: 0.7 m')
    assert "Storey: ]]><x/>" in topic.findtext("Description")
    assert topic.findtext("CreationDate") == "2026-01-02T03:04:05Z"


def test_ifc_findings_get_a_camera_only_where_the_location_is_known():
    gid = "2O2Fr$t4X7Zf8NOew3FLOH"
    created = datetime(2026, 1, 2, tzinfo=UTC)
    data = build_bcf(
        1,
        [
            finding(n=1, element=gid, handles=[gid], drawing="m.ifc"),
            finding(n=2, element=gid, handles=[gid], drawing="m.ifc", location=None),
            finding(n=3, status="pass", drawing="m.ifc"),
        ],
        created=created,
        ifc_files={"m.ifc"},
    )
    views = [
        ET.fromstring(files["viewpoint.bcfv"])
        for files in topics(zipfile.ZipFile(io.BytesIO(data))).values()
    ]
    assert len(views) == 2
    cameras = [v.find("PerspectiveCamera") for v in views]
    assert sum(c is not None for c in cameras) == 1
    camera = next(c for c in cameras if c is not None)
    eye = [float(camera.findtext(f"CameraViewPoint/{a}")) for a in "XYZ"]
    look = [float(camera.findtext(f"CameraDirection/{a}")) for a in "XYZ"]
    # The line of sight passes through the finding's plan point at z = 0.
    t = -eye[2] / look[2]
    assert eye[0] + t * look[0] == pytest.approx(2.0) and eye[1] + t * look[1] == pytest.approx(3.0)
    assert all(v.find("Components/Visibility") is not None for v in views)
