"""The .docx as an office prints it: rendered to PDF by LibreOffice, its text read back with pdftotext (poppler).

Skipped with a message when LibreOffice or pdftotext is missing; in CI (CI=true, `.ci/run` installs
libreoffice-writer-nogui and poppler-utils) a missing tool fails the test instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from cchc.models import Unit
from reports.exporters.docx import narrative_docx
from reports.narrative import narrative_build
from reports.periods import PeriodSpan

TOOLS = {"soffice": "LibreOffice (libreoffice-writer-nogui)", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils"}


def _tools() -> dict[str, str]:
    found = {name: shutil.which(name) for name in TOOLS}
    missing = sorted({TOOLS[name] for name, path in found.items() if path is None})
    if missing:
        message = "Cần " + ", ".join(missing) + " để kiểm tra bản PDF của báo cáo (apt-get install ...)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def _pdf(tools, docx: bytes, tmp_path) -> tuple[int, list[str]]:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(docx)
    # A profile of its own: two runs (or a user's LibreOffice) must not share one.
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        [tools["soffice"], profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"
    info = subprocess.run([tools["pdfinfo"], str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    text = subprocess.run([tools["pdftotext"], "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    return pages, text.stdout.split("\f")[:pages]


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


def test_the_printed_report_has_the_letterhead_and_numbers_its_pages_from_the_second(demo_data, tmp_path):
    tools = _tools()
    province = Unit.objects.get(code="CB")
    narrative = narrative_build(span=PeriodSpan.parse("2020-Q1"), scope=province)

    pages, texts = _pdf(tools, narrative_docx(narrative, scope=province, number="125"), tmp_path)

    assert pages >= 2
    first = _lines(texts[0])
    # The letterhead side by side: the issuing body and the national title on the first line, the motto under it.
    assert first[0].startswith("UBND TỈNH CAO BẰNG") and first[0].endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert first[1] == "Độc lập - Tự do - Hạnh phúc"
    assert "Số: 125/BC-UBND" in first
    assert "Cao Bằng, ngày … tháng … năm …" in first
    assert first[first.index("BÁO CÁO") + 1] == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2020"
    # No number on the first page; from the second on, each page's number is its first line (the header).
    assert "1" not in first
    assert [_lines(text)[0] for text in texts[1:]] == [str(n) for n in range(2, pages + 1)]
    # The signature block closes the last page.
    last = _lines(texts[-1])
    assert any(line.startswith("Nơi nhận:") and line.endswith("TM. ỦY BAN NHÂN DÂN") for line in last)
    assert "PHÓ CHỦ TỊCH" in last[-1] or "PHÓ CHỦ TỊCH" in " ".join(last[-3:])
