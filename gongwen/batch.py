"""Converting many files: folders expanded, work spread over processes, one result per input.

Each worker process loads the fonts once. Where processes are forked (Linux, while no other thread
runs), the parent loads the code and the fonts before the workers start, so they begin with them. Every
output is written to a temporary file beside its target and renamed into place, so an interrupted batch
leaves no half-written file. A bad input never stops the batch: its result says why it failed.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path

from gongwen.errors import GongwenError
from gongwen.layout.options import LayoutOptions

_MAX_CHUNK = 16
_CHUNKS_PER_WORKER = 4  # pieces of what is left for each worker: the size of the next piece
_WORKER_GC_THRESHOLD = 10_000
INPUT_SUFFIXES = (".txt", ".text", ".md", ".xml", ".docx", ".doc", ".wps", ".html", ".htm")


@dataclass
class Task:
    source: str
    relative: str  # output path below the output folder, without suffix


@dataclass
class Result:
    """What happened to one input."""

    source: str
    status: str  # "converted", "failed" or "skipped"
    outputs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class BatchSettings:
    outdir: str
    formats: tuple[str, ...]
    options: LayoutOptions = LayoutOptions()
    keep_traditional: bool = False
    skip_existing: bool = False
    debug: bool = False


def expand_inputs(inputs: Iterable[str | Path], outdir: str | Path | None = None) -> Iterator[Task]:
    """Each input file with its output path below OUTDIR (a folder's sub-folders are kept). An output
    folder inside an input folder is not read: it holds an earlier run's outputs, not inputs."""
    skip = Path(outdir).resolve() if outdir is not None else None
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            below = (
                skip if skip is not None and skip != path.resolve() and skip.is_relative_to(path.resolve()) else None
            )
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if below is not None and found.resolve().is_relative_to(below):
                    continue
                if found.suffix.lower() in INPUT_SUFFIXES and not found.name.startswith((".", "~$")):
                    yield Task(str(found), str(found.relative_to(path).with_suffix("")))
        else:
            yield Task(str(path), path.stem)


def convert_many(
    paths: Iterable[str | Path],
    outdir: str | Path,
    formats: Sequence[str] = ("pdf",),
    jobs: int | None = None,
    *,
    options: LayoutOptions | None = None,
    keep_traditional: bool = False,
    skip_existing: bool = False,
    progress: Callable[[Result, int, int], None] | None = None,
    debug: bool = False,
) -> list[Result]:
    """Convert every file (folders expanded) to each format in ``formats`` below ``outdir``.

    Returns one :class:`Result` per input, in input order. ``progress(result, done, total)`` is called
    as each input finishes. ``jobs`` processes (default: all cores; 1 runs in this process).
    """
    from gongwen.writers import output_format

    settings = BatchSettings(
        outdir=str(outdir),
        formats=tuple(output_format(f"x.{f}") for f in formats),
        options=options or LayoutOptions(),
        keep_traditional=keep_traditional,
        skip_existing=skip_existing,
        debug=debug,
    )
    tasks = list(expand_inputs(paths, outdir))
    results: list[Result | None] = [None] * len(tasks)
    collisions = _collisions(tasks) | _replacing_inputs(tasks, settings)
    todo = []
    done = 0
    for index, task in enumerate(tasks):
        if index in collisions:
            refused = results[index] = Result(task.source, "failed", error=collisions[index])
            done += 1
            if progress:  # so that the failure is told like any other
                progress(refused, done, len(tasks))
        else:
            todo.append(index)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    for index, result in _run(tasks, todo, settings, jobs):
        results[index] = result
        done += 1
        if progress:
            progress(result, done, len(tasks))
    return [r for r in results if r is not None]


def _collisions(tasks: list[Task]) -> dict[int, str]:
    """Inputs whose outputs would overwrite an earlier input's (a.txt and a.xml in one folder)."""
    seen: dict[str, str] = {}
    clashes: dict[int, str] = {}
    for index, task in enumerate(tasks):
        if task.relative in seen:
            clashes[index] = f"its outputs would overwrite those of {seen[task.relative]}"
        else:
            seen[task.relative] = task.source
    return clashes


def _run(tasks: list[Task], todo: list[int], settings: BatchSettings, jobs: int) -> Iterator[tuple[int, Result]]:
    """Each input's result as it comes. A worker process that dies (a crash in a library, the system
    killing it) takes its pool down: the inputs it may have been converting are tried again one by one,
    each in a process of its own, so that only the one that kills its process fails; the rest of the
    batch goes on in a new pool."""
    if jobs == 1:
        for index in todo:
            yield index, convert_one(tasks[index], settings)
        return
    context = None
    # a forked child shares what the parent loaded; forking is safe only while no other thread runs
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        _load(settings.options, settings.formats, settings.keep_traditional)
        context = multiprocessing.get_context("fork")
    while todo:
        suspects, todo = yield from _run_pool(tasks, todo, settings, jobs, context)
        for index in suspects:
            yield index, _convert_alone(tasks[index], settings, context)


def _run_pool(
    tasks: list[Task], todo: list[int], settings: BatchSettings, jobs: int, context: BaseContext | None
) -> Generator[tuple[int, Result], None, tuple[list[int], list[int]]]:
    """Convert ``todo`` in one pool; returns, if the pool broke, the inputs its workers held and those
    not sent yet."""
    pool = _pool(settings, jobs, context)
    chunks = _chunks(todo, jobs)
    suspects: list[int] = []
    with pool:
        pending: dict[Future[list[Result]], list[int]] = {}

        def send(chunk: list[int]) -> None:
            try:
                pending[pool.submit(convert_chunk, [tasks[i] for i in chunk], settings)] = chunk
            except BrokenProcessPool:  # broken before it could take the chunk (its workers cannot start)
                suspects.extend(chunk)

        try:
            for chunk in chunks:  # keep the queue short so memory stays flat on huge batches
                send(chunk)
                if len(pending) >= jobs * 3 or suspects:
                    break
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    chunk = pending.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        suspects += chunk
                        continue
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
                        reason = f"worker failed: {exc.__class__.__name__}: {exc}"
                        results = [Result(tasks[i].source, "failed", error=reason) for i in chunk]
                    yield from zip(chunk, results, strict=True)
                    nxt = None if suspects else next(chunks, None)
                    if nxt is not None:
                        send(nxt)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    # every round that breaks its pool leaves at least one chunk of suspects, so the batch comes to an end
    return suspects, [index for chunk in chunks for index in chunk]


def _pool(settings: BatchSettings, jobs: int, context: BaseContext | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_worker_start,
        initargs=(settings.options, settings.formats, settings.keep_traditional),
    )


def _chunks(todo: list[int], jobs: int) -> Iterator[list[int]]:
    """The inputs in the pieces sent to a worker at a time: large while much is left, to spare round
    trips, and shrinking to single inputs towards the end, so that the workers finish together."""
    at = 0
    while at < len(todo):
        size = max(1, min(_MAX_CHUNK, (len(todo) - at) // (jobs * _CHUNKS_PER_WORKER)))
        yield todo[at : at + size]
        at += size


def _convert_alone(task: Task, settings: BatchSettings, context: BaseContext | None) -> Result:
    """One input in a process of its own: its result, or why that process died."""
    with _pool(settings, 1, context) as pool:
        try:
            return pool.submit(convert_chunk, [task], settings).result()[0]
        except BrokenProcessPool:
            return Result(task.source, "failed", error="worker failed: the process converting it stopped abruptly")


def _load(options: LayoutOptions, formats: Sequence[str] = (), keep_traditional: bool = False) -> None:
    """Load the reader and parser of text (with their compiled patterns and the script converter), the
    code for ``formats``, the fonts and the DOCX base package once per process (a no-op where they came
    with the fork)."""
    import gongwen.api  # noqa: F401
    import gongwen.parsing  # noqa: F401
    import gongwen.readers.text  # noqa: F401
    from gongwen.layout.fonts import load_fonts
    from gongwen.normalize import load_script_converter
    from gongwen.writers import renderer

    if not keep_traditional:
        load_script_converter()

    for fmt in formats:
        renderer(fmt)
    if "docx" in formats or "pdf" in formats:
        with contextlib.suppress(Exception):  # a task will report the problem itself
            load_fonts(options.fonts, options.use_system_fonts, options.font_dir)
    if "docx" in formats:
        from gongwen.writers.docx import package_template

        package_template()


def _worker_start(options: LayoutOptions, formats: Sequence[str], keep_traditional: bool) -> None:
    _load(options, formats, keep_traditional)
    # what is loaded lives as long as the worker: keep the garbage collector from scanning it again
    # (only in the worker: frozen objects of the calling program would never be collected)
    gc.freeze()
    # a worker's caches (glyphs, typeset characters, words) grow over its first documents and then
    # stay: collecting the youngest objects every 700 new ones would scan them again and again
    young, *older = gc.get_threshold()
    gc.set_threshold(max(young, _WORKER_GC_THRESHOLD), *older)


def _replacing_inputs(tasks: list[Task], settings: BatchSettings) -> dict[int, str]:
    """Inputs one of whose outputs would replace an input file of the batch (convert a.txt --to txt -o .)."""
    sources = {Path(task.source).resolve() for task in tasks}
    clashes: dict[int, str] = {}
    for index, task in enumerate(tasks):
        for fmt in settings.formats:
            target = Path(settings.outdir) / f"{task.relative}.{fmt}"
            if target.resolve() in sources:
                clashes[index] = f"its {fmt} output {target} would replace an input file; give another -o folder"
                break
    return clashes


def convert_chunk(tasks: list[Task], settings: BatchSettings) -> list[Result]:
    return [convert_one(task, settings) for task in tasks]


def convert_one(task: Task, settings: BatchSettings) -> Result:
    """Read one input and write each format; never raises for a bad input."""
    from gongwen.api import read
    from gongwen.writers import render_formats, write_atomic

    start = time.perf_counter()
    targets = [Path(settings.outdir) / f"{task.relative}.{fmt}" for fmt in settings.formats]
    if settings.skip_existing and all(t.exists() for t in targets):
        return Result(task.source, "skipped", outputs=[str(t) for t in targets])
    try:
        doc = read(task.source, keep_traditional=settings.keep_traditional)
        rendered = render_formats(doc, settings.formats, settings.options)
        for folder in {target.parent for target in targets}:  # one: every output of an input goes there
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise GongwenError(str(folder), f"cannot create folder: {exc.strerror or exc}") from None
        written = []
        for fmt, target in zip(settings.formats, targets, strict=True):
            write_atomic(target, rendered[fmt])
            written.append(str(target))
        return Result(
            task.source, "converted", outputs=written, warnings=list(doc.warnings), seconds=time.perf_counter() - start
        )
    except GongwenError as exc:
        where = exc.source or task.source
        reason = exc.reason if where == task.source else f"{where}: {exc.reason}"
        return Result(task.source, "failed", error=reason, seconds=time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - an input that trips a bug still must not stop the batch
        detail = traceback.format_exc() if settings.debug else f"{exc.__class__.__name__}: {exc}"
        return Result(task.source, "failed", error=f"internal error: {detail}", seconds=time.perf_counter() - start)
