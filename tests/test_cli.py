"""The gongwen command: parse, convert, exit statuses and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from gongwen.cli import main

EXAMPLE = ROOT / "examples" / "tongzhi.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "gongwen", *args], input=stdin, capture_output=True, cwd=ROOT)


def test_version_and_help():
    assert run("--version").stdout.decode().startswith("gongwen ")
    out = run("--help").stdout.decode()
    assert "parse" in out and "convert" in out


def test_parse_json_prints_the_model(capsys):
    assert main(["parse", str(EXAMPLE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["doc_number"]["text"] == "江政办发〔2025〕12号"
    assert data["date"] == "2025-03-18"


def test_parse_summary_is_readable(capsys):
    assert main(["parse", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "发文字号：江政办发〔2025〕12号" in out
    assert "（1）山区要重点防范山洪、泥石流等地质灾害。" in out


def test_parse_reads_standard_input():
    result = run("parse", "-", "--json", stdin=EXAMPLE.read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"].startswith("江南省人民政府办公厅")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty input"), (bytes(range(256)) * 4, "binary data")],
)
def test_bad_input_gives_one_line_error_and_status_1(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("parse", str(bad))
    err = result.stderr.decode()
    assert result.returncode == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "bad.txt" in err and reason in err


def test_parse_reads_a_web_page_from_standard_input():
    page = (
        '<html><head><meta charset="utf-8"><script>var a;</script></head><body><h1>关于做好防汛工作的通知</h1>'
        "<p>各市人民政府：</p><p>&emsp;&emsp;现将有关事项通知如下。</p><p>江南省人民政府</p><p>2025年5月6日</p>"
        "</body></html>"
    )
    result = run("parse", "-", "--from", "html", "--json", stdin=page.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "关于做好防汛工作的通知" and data["date"] == "2025-05-06"


def test_bad_usage_is_status_2():
    assert run("parse").returncode == 2
    assert run("convert", str(EXAMPLE), "--to", "odt").returncode == 2


def test_convert_folder_keeps_subfolders_and_goes_on_after_a_bad_file(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = run("convert", str(src), "-o", str(out), "--to", "txt")
    assert result.returncode == 1
    assert (out / "sub" / "a.txt").read_text(encoding="utf-8").startswith("000025")
    assert not (out / "empty.txt").exists()
    assert "empty.txt: empty input" in result.stderr.decode()
    assert list(out.rglob("*.tmp")) == []


def test_convert_to_pdf_with_seal_and_double_sided(tmp_path):
    from PIL import Image

    seal = tmp_path / "seal.png"
    Image.new("RGBA", (100, 100), (220, 20, 23, 200)).save(seal)
    out = tmp_path / "out"
    result = run("convert", str(EXAMPLE), "-o", str(out), "--to", "pdf,xml", "--seal", str(seal), "--double-sided")
    assert result.returncode == 0, result.stderr.decode()
    assert (out / "tongzhi.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "tongzhi.xml").exists()


def test_missing_seal_image_is_bad_usage(tmp_path):
    result = run("convert", str(EXAMPLE), "-o", str(tmp_path), "--seal", str(tmp_path / "nope.png"))
    assert result.returncode == 2
    assert "no such seal image" in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []
