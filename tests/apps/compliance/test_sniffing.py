import pytest

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.errors import DrawingError
from apps.compliance.sniff import sniff_drawing
from tests.apps.compliance.drawings import corridor_plan


def test_it_names_a_dwg_renamed_to_dxf():
    with pytest.raises(DrawingError, match="DWG"):
        sniff_drawing(b"AC1032\x00\x00\x00binary", size=1000, filename="plan.dxf")


def test_it_asks_for_ascii_instead_of_binary_dxf():
    with pytest.raises(DrawingError, match="binary DXF"):
        sniff_drawing(b"AutoCAD Binary DXF\r\n\x1a\x00", size=1000, filename="plan.dxf")


def test_it_refuses_files_over_the_size_limit_without_reading_them(settings):
    settings.COMPLIANCE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(DrawingError, match="MB"):
        sniff_drawing(b"0\nSECTION\n", size=200 * 1024 * 1024, filename="big.dxf")


def test_it_recognises_dxf_and_ifc_by_content_not_name():
    assert sniff_drawing(corridor_plan()[:4096], size=5000, filename="x.ifc") == "dxf"
    assert sniff_drawing(b"ISO-10303-21;\nHEADER;", size=50, filename="x.dxf") == "ifc"


def test_an_empty_file_is_reported_in_plain_words():
    with pytest.raises(DrawingError, match="empty"):
        read_dxf_bytes(b"", name="empty.dxf")


def test_a_drawing_with_nothing_in_model_space_is_reported():
    import io

    import ezdxf

    doc = ezdxf.new()
    buf = io.StringIO()
    doc.write(buf)
    with pytest.raises(DrawingError, match="no drawing entities"):
        read_dxf_bytes(buf.getvalue().encode(), name="blank.dxf")
