"""Batches: mixed good and bad inputs, parallel workers, reports, atomic outputs, and a fuzz over writers."""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import DOCUMENT_STRATEGY

import gongwen
from gongwen.writers import render

TONGZHI = (ROOT / "examples" / "tongzhi.txt").read_text(encoding="utf-8")


@pytest.fixture()
def mixed(tmp_path):
    src = tmp_path / "in"
    (src / "子目录 sub").mkdir(parents=True)
    (src / "empty.txt").write_bytes(b"")
    (src / "random.txt").write_bytes(random.Random(7).randbytes(4096))
    (src / "gb18030.txt").write_bytes(TONGZHI.encode("gb18030"))
    (src / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + TONGZHI.encode("utf-16-le"))
    (src / "子目录 sub" / "带 空格 的 通知.txt").write_bytes(codecs.BOM_UTF8 + TONGZHI.encode("utf-8"))
    body = "\n".join(["各地各部门要加强安全生产工作，落实责任，确保安全。"] * 24000)
    (src / "big.txt").write_text(TONGZHI.replace("三、工作要求", body + "\n三、工作要求"), encoding="utf-8")
    (src / "malformed.xml").write_text("<电子公文><公文体>", encoding="utf-8")
    good = render(gongwen.read(EXAMPLES[0].parent / "qingshi.txt"), "xml")
    (src / "good.xml").write_bytes(good)
    return src


GOOD = {"gb18030", "utf16", "带 空格 的 通知", "big", "good"}
BAD = {"empty": "empty input", "random": "", "malformed": "malformed XML"}


def test_mixed_folder_good_ones_convert_bad_ones_named(mixed, tmp_path):
    out = tmp_path / "out"
    results = gongwen.convert_many([mixed], out, ["pdf", "xml"], jobs=2)
    by_stem = {os.path.splitext(os.path.basename(r.source))[0]: r for r in results}
    assert {s for s, r in by_stem.items() if r.status == "converted"} == GOOD
    for stem, reason in BAD.items():
        assert by_stem[stem].status == "failed" and reason in by_stem[stem].error
    assert by_stem["random"].error.startswith(("binary data", "not UTF-8"))
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    expected = sorted(f"{stem}.{ext}" for stem in GOOD - {"带 空格 的 通知"} for ext in ("pdf", "xml"))
    expected += [f"子目录 sub/带 空格 的 通知.{ext}" for ext in ("pdf", "xml")]
    assert written == sorted(expected)
    assert by_stem["big"].outputs and os.path.getsize(out / "big.pdf") > 100_000


def test_cli_batch_report_and_exit_status(mixed, tmp_path):
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gongwen",
            "convert",
            str(mixed),
            "-o",
            str(out),
            "--to",
            "xml",
            "--report",
            str(report),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("gongwen: error:")]
    assert len(errors) == len(BAD) and "Traceback" not in result.stderr
    assert "5 converted, 3 failed, 0 skipped" in result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["summary"]["converted"] == 5 and data["summary"]["failed"] == 3
    assert {r["status"] for r in data["results"]} == {"converted", "failed"}
    assert all(r["seconds"] >= 0 for r in data["results"])


def test_skip_existing(tmp_path):
    out = tmp_path / "out"
    first = gongwen.convert_many(EXAMPLES, out, ["xml"], jobs=1)
    assert all(r.status == "converted" for r in first)
    again = gongwen.convert_many(EXAMPLES, out, ["xml"], jobs=1, skip_existing=True)
    assert all(r.status == "skipped" for r in again)


def test_unwritable_output_folder_fails_each_file_with_a_reason(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    results = gongwen.convert_many(EXAMPLES[:2], blocker / "out", ["xml"], jobs=1)
    assert [r.status for r in results] == ["failed", "failed"]
    assert all("cannot" in r.error for r in results)


def test_colliding_output_names_are_refused(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TONGZHI, encoding="utf-8")
    (src / "a.xml").write_bytes(render(gongwen.parse(TONGZHI), "xml"))
    results = gongwen.convert_many([src], tmp_path / "out", ["pdf"], jobs=1)
    assert sorted(r.status for r in results) == ["converted", "failed"]
    assert "overwrite" in next(r.error for r in results if r.status == "failed")


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="file modes are POSIX")
def test_outputs_get_the_mode_a_plain_file_gets_and_a_replaced_file_keeps_its_own(tmp_path):
    import gongwen.writers as writers

    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    target = tmp_path / "x.pdf"
    writers.write_atomic(target, b"%PDF-1.4 one")
    assert target.stat().st_mode == plain.stat().st_mode
    target.chmod(0o640)
    writers.write_atomic(target, b"%PDF-1.4 two")
    assert target.read_bytes() == b"%PDF-1.4 two" and oct(target.stat().st_mode & 0o777) == oct(0o640)


def test_a_temporary_name_already_taken_is_passed_over(tmp_path, monkeypatch):
    """A file or a link planted under the next temporary name is neither written through nor removed."""
    import itertools

    import gongwen.writers as writers

    monkeypatch.setattr(writers, "_TEMPORARY_NUMBERS", itertools.count(7))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"keep")
    planted = tmp_path / f".x.pdf.{os.getpid()}-7.tmp"
    planted.symlink_to(elsewhere)
    (tmp_path / f".x.pdf.{os.getpid()}-8.tmp").write_bytes(b"also keep")
    writers.write_atomic(tmp_path / "x.pdf", b"%PDF-1.4 whole")
    assert (tmp_path / "x.pdf").read_bytes() == b"%PDF-1.4 whole"
    assert elsewhere.read_bytes() == b"keep" and planted.is_symlink()
    assert (tmp_path / f".x.pdf.{os.getpid()}-8.tmp").read_bytes() == b"also keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["elsewhere", "x.pdf", planted.name, f".x.pdf.{os.getpid()}-8.tmp"]
    )


def test_interrupted_write_leaves_no_file(tmp_path, monkeypatch):
    import gongwen.writers as writers

    target = tmp_path / "x.pdf"

    def explode(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", explode)
    with pytest.raises(KeyboardInterrupt):
        writers.write_atomic(target, b"%PDF-1.4 half")
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(DOCUMENT_STRATEGY, st.text(max_size=300)), st.randoms(use_true_random=False))
def test_fuzz_parse_and_every_writer(text, rnd):
    """Random and mutated documents go through the parser and all writers without an exception."""
    lines = TONGZHI.splitlines()
    rnd.shuffle(lines)
    mutated = "\n".join(lines[: rnd.randint(0, len(lines))]) + "\n" + text
    for source in (text, mutated):
        doc = gongwen.parse(source)
        for fmt in ("docx", "pdf", "xml", "txt"):
            assert render(doc, fmt)


def test_batch_over_all_seeds_and_examples(tmp_path):
    from conftest import SEEDS

    results = gongwen.convert_many(SEEDS + EXAMPLES, tmp_path / "out", ["docx", "pdf", "xml"], jobs=2)
    assert [r.status for r in results] == ["converted"] * len(SEEDS + EXAMPLES)
    assert len(list((tmp_path / "out").iterdir())) == 3 * len(results)


def small_inputs(folder, count):
    """``count`` copies of the shortest example, named 000.txt, 001.txt, …"""
    text = (ROOT / "examples" / "mingling.txt").read_bytes()
    paths = [folder / f"{n:03d}.txt" for n in range(count)]
    for path in paths:
        path.write_bytes(text)
    return paths


def test_many_inputs_sent_in_chunks_come_back_in_order_with_progress_for_each(tmp_path):
    paths = small_inputs(tmp_path, 90)
    for path in paths[3::7]:
        path.write_bytes(b"")  # every seventh input fails
    seen = []
    results = gongwen.convert_many(
        paths, tmp_path / "out", ["xml"], jobs=2, progress=lambda r, done, total: seen.append((r.source, done, total))
    )
    assert [r.source for r in results] == [str(p) for p in paths]
    assert [r.status for r in results] == ["failed" if n % 7 == 3 else "converted" for n in range(90)]
    assert [done for _, done, _ in seen] == list(range(1, 91)) and {total for *_, total in seen} == {90}
    assert sorted(source for source, _, _ in seen) == sorted(str(p) for p in paths)


@pytest.mark.parametrize(("count", "jobs"), [(1, 2), (7, 2), (300, 2), (1000, 8), (45, 3)])
def test_chunks_cover_the_inputs_in_order_shrinking_to_single_inputs_at_the_end(count, jobs):
    from gongwen.batch import _MAX_CHUNK, _chunks

    todo = list(range(100, 100 + count))
    chunks = list(_chunks(todo, jobs))
    sizes = [len(chunk) for chunk in chunks]
    assert [index for chunk in chunks for index in chunk] == todo
    assert sizes == sorted(sizes, reverse=True) and max(sizes) <= _MAX_CHUNK
    assert sizes[-min(jobs, len(sizes)) :] == [1] * min(jobs, len(sizes))  # the workers finish together
    if count >= 300:
        assert sizes[0] == _MAX_CHUNK and len(chunks) < count / 5  # few round trips on a large batch


@pytest.mark.skipif(sys.platform != "linux", reason="the patched function reaches the workers by fork")
def test_a_worker_that_dies_fails_its_inputs_and_the_batch_returns(tmp_path, monkeypatch):
    import gongwen.batch

    real = gongwen.batch.convert_one

    def dies_on_the_fifth(task, settings):
        if task.source.endswith("005.txt"):
            os._exit(3)
        return real(task, settings)

    monkeypatch.setattr(gongwen.batch, "convert_one", dies_on_the_fifth)
    paths = small_inputs(tmp_path, 40)
    results = gongwen.convert_many(paths, tmp_path / "out", ["xml"], jobs=2)
    assert [r.source for r in results] == [str(p) for p in paths]
    assert results[5].status == "failed" and results[5].error.startswith("worker failed")
    assert [r.status for n, r in enumerate(results) if n != 5] == ["converted"] * 39
    assert not (tmp_path / "out" / "005.xml").exists() and (tmp_path / "out" / "039.xml").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the patched function reaches the workers by fork")
def test_a_result_that_cannot_come_back_fails_its_input_only(tmp_path, monkeypatch):
    import gongwen.batch

    real = gongwen.batch.convert_one

    def unsendable_for_the_third(task, settings):
        result = real(task, settings)
        if task.source.endswith("002.txt"):
            result.warnings.append(lambda: None)  # cannot be pickled back to the parent
        return result

    monkeypatch.setattr(gongwen.batch, "convert_one", unsendable_for_the_third)
    paths = small_inputs(tmp_path, 6)
    results = gongwen.convert_many(paths, tmp_path / "out", ["xml"], jobs=2)
    assert [r.status for r in results] == ["converted", "converted", "failed", "converted", "converted", "converted"]
    assert results[2].error.startswith("worker failed") and "pickle" in results[2].error.lower()


@pytest.mark.skipif(sys.platform != "linux", reason="the patched function reaches the workers by fork")
def test_workers_that_cannot_start_fail_every_input_and_the_batch_returns(tmp_path, monkeypatch):
    import gongwen.batch

    def cannot_start(*_args):
        raise RuntimeError("no workers today")

    monkeypatch.setattr(gongwen.batch, "_worker_start", cannot_start)
    paths = small_inputs(tmp_path, 5)
    results = gongwen.convert_many(paths, tmp_path / "out", ["xml"], jobs=2)
    assert [r.source for r in results] == [str(p) for p in paths]
    assert all(r.status == "failed" and r.error.startswith("worker failed") for r in results)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_formats_together_are_the_same_bytes_as_each_alone_with_one_layout(monkeypatch):
    import gongwen.layout.compose as compose_module
    import gongwen.writers.docx as docx_writer
    import gongwen.writers.pdf as pdf_writer
    from gongwen.writers import render_formats

    doc = gongwen.read(EXAMPLES[0].parent / "lianhe.txt")
    alone = {fmt: render(doc, fmt) for fmt in ("docx", "pdf", "xml")}
    calls = []
    real = compose_module.compose
    for module in (compose_module, docx_writer, pdf_writer):
        monkeypatch.setattr(module, "compose", lambda *a, **k: calls.append(1) or real(*a, **k))
    together = render_formats(doc, ["docx", "pdf", "xml"])
    assert together == alone
    assert len(calls) == 1


def test_outputs_are_the_same_bytes_in_any_process():
    """No output depends on set or dict order that differs between processes (hash randomisation)."""
    script = (
        "import hashlib, sys, gongwen\n"
        "from gongwen.writers import render_formats\n"
        "out = render_formats(gongwen.read(sys.argv[1]), ['docx', 'pdf', 'xml'])\n"
        "print(hashlib.sha256(out['docx'] + out['pdf'] + out['xml']).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script, str(EXAMPLES[0])],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


@pytest.mark.parametrize("fmt, suffix", [("txt", ".txt"), ("xml", ".xml")])
def test_an_output_that_would_replace_its_input_is_refused_and_the_input_kept(tmp_path, monkeypatch, fmt, suffix):
    source = tmp_path / f"notice{suffix}"
    data = TONGZHI.encode("utf-8") if fmt == "txt" else render(gongwen.parse(TONGZHI), "xml")
    source.write_bytes(data)
    monkeypatch.chdir(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "gongwen", "convert", source.name, "--to", f"pdf,{fmt}", "-q"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert source.name in run.stderr and "would replace an input file" in run.stderr
    assert source.read_bytes() == data
    assert not (tmp_path / "notice.pdf").exists()  # the input fails whole: no output of it at all


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TONGZHI, encoding="utf-8")
    for _ in range(2):
        results = gongwen.convert_many([src], src / "out", ["txt", "xml"], jobs=1)
        assert [(r.source, r.status) for r in results] == [(str(src / "a.txt"), "converted")]
    assert not (src / "out" / "out").exists()


def test_markdown_copies_in_a_folder_are_converted(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text(
        "---\n标题: 关于某事的通知\n---\n\n# 关于某事的通知\n\n各单位：\n\n请认真执行。\n", encoding="utf-8"
    )
    results = gongwen.convert_many([src], tmp_path / "out", ["xml"], jobs=1)
    assert [(r.status, r.outputs) for r in results] == [("converted", [str(tmp_path / "out" / "a.xml")])]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_letter_whose_organ_is_unknown_is_written(tmp_path, fmt):
    doc = gongwen.parse("关于商请协助的函\n江南电力公司：\n现需贵单位协助提供相关资料。\n2021年8月9日\n")
    assert doc.format == "letter" and not doc.issuers and not doc.banner
    target = gongwen.write(doc, tmp_path / f"letter.{fmt}")
    assert target.stat().st_size > 1000
