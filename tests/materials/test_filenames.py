"""The name a stored file is kept under carries an extension of its verified type."""

from __future__ import annotations

import pytest

from hub.materials.filenames import MAX_FILENAME_LENGTH, clean_filename, name_for_type
from hub.objectstore.content_type import DOCX, JPEG, OFD, PDF, PNG, XLSX


@pytest.mark.parametrize(
    ("name", "content_type", "kept_as"),
    [
        # The right extension, in any case, is kept as it is.
        ("施工许可证.pdf", PDF, "施工许可证.pdf"),
        ("SCAN.PDF", PDF, "SCAN.PDF"),
        ("photo.jpeg", JPEG, "photo.jpeg"),
        ("photo.JPG", JPEG, "photo.JPG"),
        ("表.xlsx", XLSX, "表.xlsx"),
        # A wrong one is replaced, keeping the stem.
        ("施工许可证.bat", PDF, "施工许可证.pdf"),
        ("poly.html", PDF, "poly.pdf"),
        ("photo.png", JPEG, "photo.jpg"),
        ("report.doc", DOCX, "report.docx"),
        ("证照.pdf", OFD, "证照.ofd"),
        ("scan.jpg", PNG, "scan.png"),
        ("a.tar.gz", PDF, "a.tar.pdf"),
        # A double extension whose inner one is right loses the outer one.
        ("发票.pdf.exe", PDF, "发票.pdf"),
        ("发票.pdf .bat", PDF, "发票.pdf"),
        # No extension, or a dot that does not start one: the extension is appended.
        ("营业执照", PDF, "营业执照.pdf"),
        ("扫描件 2024.03.01", PDF, "扫描件 2024.03.01.pdf"),
        ("第 1.5 版", XLSX, "第 1.5 版.xlsx"),
        ("签字版.已盖章的扫描件", PDF, "签字版.已盖章的扫描件.pdf"),
    ],
)
def test_the_extension_matches_the_verified_type(name, content_type, kept_as):
    assert name_for_type(name, content_type) == kept_as


def test_a_type_without_known_extensions_leaves_the_name_alone():
    assert name_for_type("a.bat", "application/octet-stream") == "a.bat"


def test_the_name_stays_within_its_length_with_the_extension():
    name = "长" * MAX_FILENAME_LENGTH
    kept = name_for_type(clean_filename(name), PDF)
    assert len(kept) == MAX_FILENAME_LENGTH and kept.endswith("长.pdf")
    assert name_for_type("长" * 250 + ".bat", PDF) == "长" * 250 + ".pdf"


def test_a_cleaned_name_is_its_last_segment_without_control_characters():
    assert clean_filename("..\\..\\图纸\\总平面图.pdf") == "总平面图.pdf"
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("li\x00cence\u202e.bat\r\n") == "licence.bat"
    assert clean_filename(" .. ") == ""
