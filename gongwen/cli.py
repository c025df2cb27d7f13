"""The ``gongwen`` command: parse and convert official documents."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from gongwen import __version__
from gongwen.errors import GongwenError
from gongwen.layout.options import LayoutOptions
from gongwen.model import Document

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gongwen",
        description="Recognise Chinese official documents (党政机关公文) and write them in GB/T 9704-2012 layout.",
    )
    parser.add_argument("--version", action="version", version=f"gongwen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="print the recognised structure of a document")
    p.add_argument("file", help="a .txt, .xml or .docx file (.doc/.wps through LibreOffice), or - for standard input")
    p.add_argument("--json", action="store_true", help="print the model as JSON (design.md §3)")
    _add_read_options(p)

    c = sub.add_parser("convert", help="convert documents to other formats")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders, or - for standard input")
    c.add_argument(
        "-o",
        "--outdir",
        default=".",
        help="output folder (default: the current folder); - writes a single output to standard output",
    )
    c.add_argument("--to", default="pdf", help="comma-separated output formats: docx,pdf,xml,txt (default: pdf)")
    c.add_argument(
        "--seal",
        nargs="?",
        const=True,
        default=False,
        metavar="PNG",
        help="sealed layout (7.3.5.1); with a PNG, press that seal image on the signature",
    )
    c.add_argument(
        "--double-sided",
        action="store_true",
        help="put the 版记 on an even page, with an unnumbered blank page where needed",
    )
    c.add_argument("--font-dir", default=None, help="a folder searched first for the customary fonts")
    c.add_argument("-j", "--jobs", type=int, default=None, help="processes to use (default: all cores)")
    c.add_argument("--report", metavar="FILE.json", help="write every input's status, outputs and timing")
    existing = c.add_mutually_exclusive_group()
    existing.add_argument("--skip-existing", action="store_true", help="leave inputs whose outputs all exist")
    existing.add_argument("--overwrite", action="store_true", help="replace existing outputs (the default)")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    c.add_argument("--debug", action="store_true", help="show a traceback for internal errors")
    _add_read_options(c)
    return parser


def _add_read_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--keep-traditional",
        action="store_true",
        help="keep traditional script as written instead of converting it to simplified",
    )
    p.add_argument(
        "--from",
        dest="input_format",
        choices=("txt", "xml", "docx", "html"),
        default=None,
        help="input format (default: from the file suffix)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "parse":
            return _cmd_parse(args)
        return _cmd_convert(args)
    except KeyboardInterrupt:
        print("gongwen: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _read(source: str, args: argparse.Namespace) -> Document:
    from gongwen.api import read
    from gongwen.parsing import parse_text
    from gongwen.readers.text import decode_text

    if source == "-":
        data = sys.stdin.buffer.read()
        if (args.input_format or "txt") == "xml":
            from gongwen.readers.xml import read_xml_bytes

            return read_xml_bytes(data, "<stdin>")
        if args.input_format == "html":
            from gongwen.readers.html import html_to_text

            return parse_text(html_to_text(data, "<stdin>"), keep_traditional=args.keep_traditional)
        return parse_text(decode_text(data, "<stdin>"), keep_traditional=args.keep_traditional)
    return read(source, format=args.input_format, keep_traditional=args.keep_traditional)


def _cmd_parse(args: argparse.Namespace) -> int:
    try:
        doc = _read(args.file, args)
    except GongwenError as exc:
        _report_error(exc)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(summary(doc))
    return EXIT_OK


def summary(doc: Document) -> str:
    """A short human-readable account of what was recognised."""
    rows: list[tuple[str, object]] = [
        ("文种", doc.kind),
        ("格式", doc.format),
        ("份号", doc.copy_number),
        ("密级", doc.secrecy and doc.secrecy + (f"★{doc.secrecy_period}" if doc.secrecy_period else "")),
        ("紧急程度", doc.urgency),
        ("发文机关标志", doc.banner),
        ("发文字号", doc.doc_number.text if doc.doc_number else None),
        ("令号", doc.order_number),
        ("签发人", "、".join(doc.signers)),
        ("标题", doc.title),
        ("主送机关", "，".join(doc.addressees)),
        ("正文", f"{len(doc.body)} 段，{len(doc.headings)} 个标题"),
        ("附件说明", "；".join(doc.attachments)),
        ("出席/请假/列席", "；".join(f"{a.role}：{'、'.join(a.names)}" for a in doc.attendance)),
        ("发文机关署名", "、".join(doc.signatures)),
        ("成文日期", doc.date and doc.date.isoformat()),
        ("附注", doc.note),
        ("附件", "；".join(a.label or a.title or "" for a in doc.annexes)),
        ("抄送", "，".join(doc.cc)),
        ("印发", " ".join(filter(None, [doc.printer, doc.print_date and doc.print_date.isoformat()]))),
    ]
    lines = [f"{name}：{value}" for name, value in rows if value]
    for heading in doc.headings:
        lines.append(f"  {'  ' * (heading.level - 1)}{heading.label}{heading.title}")
    if doc.residue:
        lines.append(f"未采用：{len(doc.residue)} 行（" + "；".join(sorted({r.reason for r in doc.residue})) + "）")
    for guess in doc.uncertain:
        lines.append(
            f"请核对：{_ELEMENT_NAMES.get(guess.element, guess.element)}（把握 {guess.confidence:.0%}）{guess.reason}"
        )
    lines.extend(f"提示：{w}" for w in doc.warnings if not w.startswith("guessed the "))
    return "\n".join(lines)


# the model's keys as a clerk calls the elements, for saying which ones to check
_ELEMENT_NAMES = {
    "title": "标题",
    "doc_number": "发文字号",
    "date": "成文日期",
    "issuers": "发文机关",
    "signatures": "发文机关署名",
}


def _cmd_convert(args: argparse.Namespace) -> int:
    from gongwen.layout.options import LayoutOptions
    from gongwen.writers import output_format

    try:
        formats = [output_format(f"x.{f.strip()}") for f in args.to.split(",") if f.strip()]
    except GongwenError as exc:
        print(f"gongwen: error: {exc.reason}", file=sys.stderr)
        return EXIT_USAGE
    if not formats:
        print("gongwen: error: --to names no format", file=sys.stderr)
        return EXIT_USAGE
    if isinstance(args.seal, str) and not Path(args.seal).is_file():
        print(f"gongwen: error: {args.seal}: no such seal image", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        print("gongwen: error: --jobs takes a number of processes, 1 or more", file=sys.stderr)
        return EXIT_USAGE
    options = LayoutOptions(seal=args.seal, double_sided=args.double_sided, font_dir=args.font_dir)
    if args.outdir == "-" or "-" in args.inputs:
        return _convert_stream(args, formats, options)
    return _convert_batch(args, formats, options)


def _convert_stream(args: argparse.Namespace, formats: list[str], options: LayoutOptions) -> int:
    """Standard input to a file in OUTDIR, or one input to standard output."""
    from gongwen.writers import render_formats, write_atomic

    to_stdout = args.outdir == "-"
    if len(args.inputs) != 1 or (to_stdout and len(formats) != 1) or Path(args.inputs[0]).is_dir():
        print("gongwen: error: - takes exactly one input, and -o - one format", file=sys.stderr)
        return EXIT_USAGE
    source = args.inputs[0]
    try:
        doc = _read(source, args)
        for fmt, data in render_formats(doc, formats, options).items():
            if to_stdout:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            else:
                stem = "stdin" if source == "-" else Path(source).stem
                target = Path(args.outdir) / f"{stem}.{fmt}"
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(target, data)
    except GongwenError as exc:
        _report_error(exc, "<stdin>" if source == "-" else source)
        return EXIT_FAILED
    except OSError as exc:
        print(f"gongwen: error: {args.outdir}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _convert_batch(args: argparse.Namespace, formats: list[str], options: LayoutOptions) -> int:
    from gongwen.batch import Result, convert_many

    show_bar = not args.quiet and sys.stderr.isatty()
    bar = ProgressBar(sys.stderr) if show_bar else None
    started = time.perf_counter()

    def progress(result: Result, done: int, total: int) -> None:
        if result.status == "failed":
            if bar:
                bar.clear()
            print(f"gongwen: error: {result.source}: {result.error}", file=sys.stderr)
        if bar:
            bar.show(done, total)

    try:
        results = convert_many(
            args.inputs,
            args.outdir,
            formats,
            args.jobs,
            options=options,
            keep_traditional=args.keep_traditional,
            skip_existing=args.skip_existing,
            progress=progress,
            debug=args.debug,
        )
    except KeyboardInterrupt:
        if bar:
            bar.clear()
        print("gongwen: interrupted; no partial output files were left", file=sys.stderr)
        return 130
    if bar:
        bar.clear()
    elapsed = time.perf_counter() - started
    counts = {status: sum(1 for r in results if r.status == status) for status in ("converted", "failed", "skipped")}
    if not args.quiet or counts["failed"]:
        print(
            f"gongwen: {counts['converted']} converted, {counts['failed']} failed, {counts['skipped']} skipped "
            f"in {elapsed:.1f} s",
            file=sys.stderr,
        )
    if args.report:
        _write_report(args.report, results, counts, elapsed, formats)
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def _write_report(path: str, results: list, counts: dict[str, int], elapsed: float, formats: list[str]) -> None:
    from gongwen.writers import write_atomic

    report = {
        "summary": {**counts, "total": len(results), "seconds": round(elapsed, 3), "formats": formats},
        "results": [r.to_dict() for r in results],
    }
    try:
        write_atomic(Path(path), json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8"))
    except GongwenError as exc:
        _report_error(exc)


class ProgressBar:
    """A one-line progress bar on a terminal."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.started = time.perf_counter()

    def show(self, done: int, total: int) -> None:
        filled = int(self.width * done / total) if total else self.width
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        left = (total - done) / rate if rate else 0.0
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} {rate:.1f}/s, {left:.0f} s left "
        )
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r" + " " * (self.width + 40) + "\r")
        self.stream.flush()


def _report_error(exc: GongwenError, source: str | None = None) -> None:
    where = exc.source or source
    print(f"gongwen: error: {where}: {exc.reason}" if where else f"gongwen: error: {exc.reason}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
