"""``postlint check`` as a library call: read inputs, lint them in batches, report, exit code."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from .api import Linter
from .errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError
from .parallel import lint_parallel
from .progress import Progress
from .reporters import FileResult, Summary, open_outputs
from .sources import InputPost, InputProblem, ReadOptions, iter_inputs
from .sources.discover import estimate_posts


@dataclass
class CheckOptions:
    paths: list[str]
    packs: list[str] = field(default_factory=list)
    only_packs: bool = False
    fmt: str = "text"
    outputs: list[str] = field(default_factory=list)  # --output FORMAT:PATH
    format_given: bool = False  # --format was on the command line (not the default)
    show_matches: bool = False
    platform: str | None = None
    model: str | None = None
    allow: list[str] = field(default_factory=list)
    max_bytes: int = 10 * 1024 * 1024
    encoding_errors: str = "strict"
    color: bool = False
    fail_rank: int = 3  # error
    jobs: int = 1
    progress: bool = False
    text_field: str | None = None  # the JSON key or CSV column that holds the post
    reader: str | None = None  # one reader for every input instead of by file name


def run_check(options: CheckOptions, stream: TextIO) -> int:
    """Check every input, write the report to ``stream`` and return the exit code."""
    linter = Linter(options.packs, only_packs=options.only_packs, model=options.model,
                    platform=options.platform, allow=options.allow)
    reporter = open_outputs(options.fmt, options.outputs, stream,
                            show_matches=options.show_matches, color=options.color,
                            rules={r.id: r for r in linter.rules}, fail_rank=options.fail_rank,
                            format_given=options.format_given)
    summary = Summary()
    worst = 0
    read = ReadOptions(options.max_bytes, options.encoding_errors, options.text_field,
                       options.reader)
    pending: deque[InputPost] = deque()

    def posts() -> Iterator[str | tuple]:
        for item in iter_inputs(options.paths, read):
            if isinstance(item, InputProblem):
                summary.add_problem(item)
                reporter.problem(item)
                continue
            pending.append(item)
            yield item.lint_item()

    progress = Progress(estimate_posts(options.paths, options=read)) if options.progress \
        else None
    for findings in lint_parallel(linter, posts(), options.jobs):
        result = FileResult(pending.popleft(), findings)
        summary.add(result)
        reporter.result(result)
        worst = max([worst, *(f.rank for f in findings)])
        if progress is not None:
            progress.advance()
    if progress is not None:
        progress.close()
    reporter.finish(summary)
    stream.flush()
    if summary.posts == 0 and summary.problems == 0:
        if summary.skipped:
            raise UsageError("nothing was checked: every input was skipped")
        raise UsageError("no files to check: the paths hold no *.md, *.markdown, *.txt, *.csv "
                         "or *.json files")
    if summary.problems:
        return EXIT_ERROR
    return EXIT_FINDINGS if worst >= options.fail_rank else EXIT_OK
