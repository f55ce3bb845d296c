"""Zip and xlsx bombs in the cooperative import and the wholesale quick order (issue #12, point 2).

The bombs are built here, small on disk, and parsed in a child process whose address space is
capped a few hundred MB above what Django itself takes: a parser that inflates them runs out
of memory there (and the test fails) instead of taking the machine past 7 GB. Every bomb must
be answered with a clear error — or, for a forged dimension, with the real rows only — in
bounded time.
"""

import io
import json
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings

from core import spreadsheets
from tests.test_cooperatives import xlsx_bytes

MEMORY_CAP_MB = 300
HEADER = ["SKU", "商品名称", "单价", "库存", "描述"]

CHILD = r"""
import json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("DEBUG", "true")
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from cooperatives import importing
from wholesale import quick_order

def vm_bytes():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024

cap = vm_bytes() + int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
results = {}
for path in sys.argv[2:]:
    raw = open(path, "rb").read()
    name = os.path.basename(path)
    started = time.monotonic()
    outcome = {}
    for parser in ("import", "quick_order"):
        try:
            if parser == "import":
                rows = importing.parse(name, raw)
                outcome[parser] = {"rows": len(rows)}
            else:
                rows = quick_order.rows_from_upload(SimpleUploadedFile(name, raw))
                outcome[parser] = {"rows": len(rows)}
        except MemoryError:
            outcome[parser] = {"memory": True}
        except (importing.ImportFileError, ValueError) as error:
            outcome[parser] = {"error": str(error)}
    outcome["seconds"] = time.monotonic() - started
    results[name] = outcome
print(json.dumps(results, ensure_ascii=False))
"""


def rewrite_member(raw: bytes, member: str, change) -> bytes:
    """The same .xlsx with one zip member's XML changed (the way an attacker forges a file)."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                data = change(data.decode()).encode()
            target.writestr(info.filename, data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
GOOD_ROWS = [HEADER, ["WN-BOMB-1", "威宁洋芋 5kg", "39.90", "20", "高山洋芋"]]


def forged_dimension() -> bytes:
    """Two real rows that claim to span A1:XFD5001 (16,384 columns × 5,001 rows)."""
    forge = lambda xml: xml.replace('<dimension ref="A1:E2"/>', '<dimension ref="A1:XFD5001"/>')  # noqa: E731
    return rewrite_member(xlsx_bytes(GOOD_ROWS), SHEET, forge)


def huge_inline_string() -> bytes:
    """One cell holding a 40 MB inline string: about 40 KB once deflated."""
    cell = '<c r="E2" t="inlineStr"><is><t>' + "茶" * (40 * 1024 * 1024 // 3) + "</t></is></c>"
    add_row = lambda xml: xml.replace("</row></sheetData>", '</row><row r="3">' + cell + "</row></sheetData>")  # noqa: E731
    return rewrite_member(xlsx_bytes(GOOD_ROWS), SHEET, add_row)


def wide_row() -> bytes:
    """A row of 16,384 filled columns."""
    return xlsx_bytes([HEADER, ["WN-BOMB-2", "洋芋", "1", "1", "x", *(["填充"] * 16379)]])


def many_rows() -> bytes:
    return xlsx_bytes([HEADER, *[[f"WN-{n}", "洋芋", "1", "1", ""] for n in range(6000)]])


def many_members() -> bytes:
    raw = xlsx_bytes(GOOD_ROWS)
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        for n in range(2000):
            target.writestr(f"xl/media/padding{n}.xml", "")
    return out.getvalue()


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("bombs")
    files = {
        "forged-dimension.xlsx": forged_dimension(),
        "huge-string.xlsx": huge_inline_string(),
        "wide-row.xlsx": wide_row(),
        "many-rows.xlsx": many_rows(),
        "many-members.xlsx": many_members(),
    }
    paths = []
    for name, content in files.items():
        assert len(content) < 2 * 1024 * 1024, name  # every bomb fits under the upload limit
        (folder / name).write_bytes(content)
        paths.append(str(folder / name))
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(MEMORY_CAP_MB), *paths], capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_forged_dimension_reads_only_the_real_rows_in_bounded_memory(outcomes):
    outcome = outcomes["forged-dimension.xlsx"]
    assert outcome["import"] == {"rows": 1}
    assert outcome["quick_order"] == {"rows": 2}  # the header row and the product row
    assert outcome["seconds"] < 20


def test_a_huge_inline_string_is_refused_before_parsing(outcomes):
    outcome = outcomes["huge-string.xlsx"]
    for parser in ("import", "quick_order"):
        assert "解压后过大" in outcome[parser]["error"]


def test_a_row_of_sixteen_thousand_columns_is_cut_to_the_columns_we_read(outcomes):
    outcome = outcomes["wide-row.xlsx"]
    assert outcome["import"] == {"rows": 1}
    assert outcome["seconds"] < 20


def test_too_many_rows_are_refused_while_streaming(outcomes):
    outcome = outcomes["many-rows.xlsx"]
    assert "一次最多导入" in outcome["import"]["error"]
    assert "一次最多导入" in outcome["quick_order"]["error"]


def test_a_zip_of_thousands_of_members_is_refused(outcomes):
    outcome = outcomes["many-members.xlsx"]
    for parser in ("import", "quick_order"):
        assert "解压后过大" in outcome[parser]["error"]


def test_a_long_csv_cell_is_refused_with_the_row_number():
    text = "SKU,商品名称,单价,库存,描述\r\nWN-1,洋芋,1,1," + "长" * 6000 + "\r\n"
    with pytest.raises(spreadsheets.SpreadsheetError, match="第 2 行"):
        spreadsheets.read_table("long.csv", text.encode(), spreadsheets.Limits())


def test_an_upload_is_read_in_chunks_and_refused_past_the_limit():
    class Endless:
        """A stream that claims no size and never ends (as a chunked upload can)."""

        size = None
        name = "endless.csv"

        def __init__(self):
            self.read_bytes = 0

        def seek(self, _offset):
            pass

        def chunks(self):
            while True:
                self.read_bytes += 64 * 1024
                yield b"a" * (64 * 1024)

    upload = Endless()
    with pytest.raises(spreadsheets.SpreadsheetError, match="文件过大"):
        spreadsheets.read_upload(upload, spreadsheets.Limits(max_bytes=1024 * 1024))
    assert upload.read_bytes <= 1024 * 1024 + 64 * 1024
