"""Small valid files of every uploaded kind, made in code, as seeds for mutation."""

from __future__ import annotations

import io
from functools import cache

TEXT = "Grain storage. Keep grain below 14% moisture; clean and seal the bin."


@cache
def pdf() -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=12)
    doc.cell(text="1. Storing grain")
    doc.ln()
    doc.multi_cell(w=0, text=TEXT * 3)
    doc.add_page()
    doc.cell(text="2. Checking the bin")
    return bytes(doc.output())


@cache
def docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("Storing grain", level=1)
    doc.add_paragraph(TEXT)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "crop", "moisture"
    table.cell(1, 0).text, table.cell(1, 1).text = "wheat", "14%"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


HTML = (
    "<!doctype html><html><head><title>Grain</title><script>var x = 1;</script></head><body>"
    "<h1>Storing grain</h1><p>" + TEXT + "</p><ul><li>dry</li><li>clean &amp; sealed</li></ul>"
    "<table><tr><th>crop</th><td>wheat</td></tr></table></body></html>"
).encode()
CSV = (
    b"market,commodity,date,modal_price\n"
    b'"Pune, APMC",Onion,2024-01-05,1800\n'
    b'Nashik,Onion,2024-01-06,"1,750"\n'
)
MARKDOWN = (
    "# Storing grain\n\n"
    + TEXT
    + "\n\n## Checking\n\n- heat\n- smell\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
).encode()


@cache
def dxf() -> bytes:
    from tests.apps.compliance.drawings import corridor_plan

    return corridor_plan(door_width=0.75)


@cache
def ifc() -> bytes:
    import ifcopenshell.api

    model = ifcopenshell.api.run("project.create_file", version="IFC4")
    project = ifcopenshell.api.run("root.create_entity", model, ifc_class="IfcProject", name="P")
    length = ifcopenshell.api.run("unit.add_si_unit", model, unit_type="LENGTHUNIT")
    ifcopenshell.api.run("unit.assign_unit", model, units=[length])
    site = ifcopenshell.api.run("root.create_entity", model, ifc_class="IfcSite", name="S")
    building = ifcopenshell.api.run("root.create_entity", model, ifc_class="IfcBuilding", name="B")
    storey = ifcopenshell.api.run(
        "root.create_entity", model, ifc_class="IfcBuildingStorey", name="Ground"
    )
    ifcopenshell.api.run("aggregate.assign_object", model, relating_object=project, products=[site])
    ifcopenshell.api.run(
        "aggregate.assign_object", model, relating_object=site, products=[building]
    )
    ifcopenshell.api.run(
        "aggregate.assign_object", model, relating_object=building, products=[storey]
    )
    door = ifcopenshell.api.run("root.create_entity", model, ifc_class="IfcDoor", name="D1")
    door.OverallWidth, door.OverallHeight = 0.8, 2.1
    ifcopenshell.api.run(
        "spatial.assign_container", model, relating_structure=storey, products=[door]
    )
    return model.to_string().encode()
