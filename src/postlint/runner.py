"""``postlint check`` and ``postlint baseline`` as library calls.

A run reads inputs (sources), gives each post its settings (config), lints posts in batches
with the linter those settings need (one per distinct set of packs, model and allow-list,
built once), passes the findings through the filters stage and then to a reporter; the fail
gate decides the exit code.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TextIO

from .api import Linter
from .config import Layer, Origin, Resolver
from .config.discover import PYPROJECT, YAML_NAMES, display_path
from .config.schema import META_RULES, known_rule_ids
from .config.selectors import (
    META_CATEGORY,
    SelectorError,
    parse_selector,
    unknown_rule_problem,
)
from .config.settings import (
    COMMAND_LINE,
    FAIL_RANK,
    Entry,
    LinterKey,
    PackRef,
    Settings,
    Value,
)
from .errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError
from .filters import Filtered, Filters
from .filters.baseline import Entry as BaselineEntry
from .filters.baseline import entries_for, write_baseline
from .filters.gate import Gate
from .filters.meta import BAD, Note
from .packs.schema import Rule
from .parallel import lint_keyed
from .progress import Progress
from .reporters import FileResult, Summary, open_outputs
from .sources import InputPost, InputProblem, ReadOptions, iter_inputs
from .sources.discover import WALKED_SUFFIXES, estimate_posts, walked_folder

CONFIG_NAMES = {*YAML_NAMES, PYPROJECT}


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
    fail_on: str | None = None  # None: the configuration's gate (default: error)
    jobs: int = 1
    progress: bool = False
    text_field: str | None = None  # the JSON key or CSV column that holds the post
    reader: str | None = None  # one reader for every input instead of by file name
    config: str | None = None  # a configuration file instead of the discovered ones
    use_config: bool = True
    profile: str | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    baseline: str | None = None  # a baseline file instead of the configured one
    use_baseline: bool = True
    report_unused: bool = False
    explain_exit: bool = False


class LinterCache:
    """One ``Linter`` per distinct key, built on first use."""

    def __init__(self):
        self._linters: dict[LinterKey, Linter] = {}
        self.keys: list[LinterKey] = []  # every key asked for, built here or in a worker

    def note(self, key: LinterKey) -> None:
        if key not in self.keys:
            self.keys.append(key)

    def built(self) -> list[Linter]:
        return list(self._linters.values())

    def __call__(self, key: LinterKey) -> Linter:
        linter = self._linters.get(key)
        if linter is None:
            linter = self._linters[key] = Linter(list(key.packs), only_packs=key.only_packs,
                                                 model=key.model, allow=list(key.allow))
        return linter


def command_line_layer(options: CheckOptions) -> Layer:
    """The command line's options as the last layer of settings."""
    def origin(key: str) -> Origin:
        return Origin("the command line", key=key)

    values: dict = {}
    if options.packs:
        values["add_packs"] = tuple(PackRef(p, os.path.abspath(p), origin("--pack"))
                                    for p in options.packs)
    if options.only_packs:
        if not options.packs:
            raise UsageError("--only-packs needs at least one --pack file")
        values["packs"] = ()
        values["exclusive_packs"] = True
    if options.profile is not None:
        from .profiles import get_profile

        get_profile(options.profile)
        values["profile"] = Value(options.profile, origin("--profile"))
    if options.select is not None:
        values["select"] = _cli_selectors("--select", options.select)
    if options.ignore:
        values["ignore"] = _cli_selectors("--ignore", options.ignore)
    if options.fail_on is not None:
        values["fail_on"] = Value(options.fail_on, origin("--fail-on"))
    for key, attr in (("--platform", "platform"), ("--model", "model")):
        if getattr(options, attr) is not None:
            values[attr] = Value(getattr(options, attr), origin(key))
    if options.allow:
        values["allow"] = tuple(options.allow)
    if options.report_unused:
        values["report_unused"] = Value(True, origin("--report-unused-suppressions"))
    layer = Layer(COMMAND_LINE, **values)
    if layer.select or layer.ignore:
        from .profiles import optional_pack_files

        files = {*(r.path for r in layer.add_packs if r.path),
                 *map(str, optional_pack_files().values())}
        ids = (*known_rule_ids(tuple(sorted(files))), *META_RULES)
        for entry in (*(layer.select or ()), *layer.ignore):
            problem = unknown_rule_problem(entry.selector, ids)
            if problem:
                raise UsageError(f"{entry.origin.key} '{entry.selector}': {problem}")
    return layer


def _cli_selectors(option: str, texts: list[str]) -> tuple[Entry, ...]:
    entries = []
    for raw in texts:
        for text in raw.replace(",", " ").split():
            try:
                entries.append(Entry(parse_selector(text), "", Origin("the command line",
                                                                      key=option)))
            except SelectorError as exc:
                raise UsageError(f"{option} '{text}': {exc}") from None
    return tuple(entries)


class Session:
    """One run over the inputs: settings, linting and filters, in input order."""

    def __init__(self, options: CheckOptions, use_baseline: bool = True):
        self.options = options
        self.resolver = Resolver(command_line_layer(options), options.config,
                                 options.use_config, WALKED_SUFFIXES)
        self.filters = Filters(options.baseline, use_baseline and options.use_baseline)
        self.linters = LinterCache()
        self.excluded = 0
        self.baseline_files = {os.path.abspath(options.baseline)} if options.baseline else set()
        self._rule_ids: dict[LinterKey, tuple[str, ...]] = {}
        # how to read inputs, before a configuration's `input` settings for a file
        self.read = ReadOptions(options.max_bytes, options.encoding_errors, options.text_field,
                                options.reader)

    def prepare(self) -> None:
        """Read every configuration the inputs will use, so that a broken one stops the run
        before anything is checked or written (and JSON output is never cut short)."""
        for path in self.options.paths:
            if path == "-":
                self._prepare_for("<stdin>")
            elif os.path.isdir(path):
                for folder, dirs, files in os.walk(path, followlinks=False):
                    dirs[:] = sorted(d for d in dirs if walked_folder(folder, d))
                    if folder == path or CONFIG_NAMES & set(files):
                        self._prepare_for(os.path.join(folder, "_"))
            else:
                self._prepare_for(path)

    def configured_baseline(self, path: str) -> str | None:
        """The baseline file the configuration of ``path`` (a file or folder) names."""
        configured = self.resolver.settings_for_path(_probe(path)).baseline
        return configured.value if configured is not None else None

    @property
    def rules(self) -> Mapping[str, Rule]:
        """Every rule the run's linters have loaded, by id (for formats that describe them)."""
        return _RuleIndex(self.linters)

    def _prepare_for(self, path: str) -> None:
        settings = self.resolver.settings_for_path(path)
        self.filters.baseline_for(settings)

    def plan(self, path: str, named: bool) -> ReadOptions | None:
        if not named and self._is_baseline(path):
            return None  # a baseline is not a post, whatever its name
        chosen = self.resolver.read_options(self.read, path, named)
        if chosen is None and (named or path.lower().endswith(WALKED_SUFFIXES)):
            self.excluded += 1
        return chosen

    def _is_baseline(self, path: str) -> bool:
        path = os.path.abspath(path)
        if path in self.baseline_files:
            return True
        configured = self.resolver.settings_for_path(path).baseline
        return configured is not None and os.path.abspath(configured.value) == path

    def rule_ids(self, key: LinterKey) -> tuple[str, ...]:
        ids = self._rule_ids.get(key)
        if ids is None:
            from .profiles import optional_pack_files

            files = tuple(sorted({*key.packs, *map(str, optional_pack_files().values())}))
            ids = self._rule_ids[key] = known_rule_ids(files)
        return ids

    def run(self, on_problem: Callable[[InputProblem], None],
            on_result: Callable[[FileResult, Settings, Filtered], None],
            on_post: Callable[[], None] | None = None,
            inputs: Iterable[InputPost | InputProblem] | None = None) -> None:
        """Check the options' paths (or ``inputs``, posts a caller read itself), calling
        ``on_problem`` for inputs that could not be read and ``on_result`` for each post."""
        pending: deque[tuple[InputPost, Settings, list[Note]]] = deque()
        if inputs is None:
            inputs = iter_inputs(self.options.paths, self.read, plan=self.plan)

        def items() -> Iterator[tuple[LinterKey, object]]:
            for item in inputs:
                if isinstance(item, InputProblem):
                    on_problem(item)
                    continue
                settings, bad_profile = self.resolver.settings_for(item)
                notes = []
                if bad_profile is not None:
                    from .profiles import profile_names

                    notes.append(Note(bad_profile.line, f"front matter 'profile: "
                                      f"{bad_profile.name}' names no profile; expected one of: "
                                      + ", ".join(profile_names()), "profile:"))
                pending.append((item, settings, notes))
                self.linters.note(settings.linter)
                if item.platform is None and settings.platform is not None:
                    item = replace(item, platform=settings.platform)
                yield settings.linter, item.lint_item()

        for findings in lint_keyed(self.linters, items(), self.options.jobs):
            post, settings, notes = pending.popleft()
            filtered = self.filters.apply(post, findings, settings,
                                          lambda key=settings.linter: self.rule_ids(key),
                                          {BAD: notes} if notes else None)
            on_result(FileResult(post, filtered.findings), settings, filtered)
            if on_post is not None:
                on_post()


class _RuleIndex(Mapping):
    """Rules by id across the run's linters; rules of linters built only in worker processes
    are read from their packs (once per key)."""

    def __init__(self, linters: LinterCache):
        self.linters = linters
        self.loaded: dict[LinterKey, dict[str, Rule]] = {}

    def _tables(self) -> Iterator[dict[str, Rule]]:
        for linter in self.linters.built():
            yield {r.id: r for r in linter.rules}
        for key in self.linters.keys:
            if key not in self.loaded:
                from .packs import load_packs

                self.loaded[key] = {r.id: r for p in load_packs(key.packs, key.only_packs)
                                    for r in p.rules}
            yield self.loaded[key]

    def __getitem__(self, rule_id: str) -> Rule:
        for table in self._tables():
            if rule_id in table:
                return table[rule_id]
        raise KeyError(rule_id)

    def __iter__(self) -> Iterator[str]:
        seen: dict[str, None] = {}
        for table in self._tables():
            seen.update(dict.fromkeys(table))
        return iter(seen)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:  # filled as the run goes: never "empty" when handed over
        return True


def _probe(path: str) -> str:
    """A path whose settings are those of ``path`` (a file, a folder, or - for stdin)."""
    if path == "-":
        return "<stdin>"
    return os.path.join(path, "_") if os.path.isdir(path) else path


def run_check(options: CheckOptions, stream: TextIO, err: TextIO | None = None) -> int:
    """Check every input, write the report to ``stream`` and return the exit code."""
    err = err if err is not None else sys.stderr
    session = Session(options)
    session.prepare()
    # Formats that mark posts as failed (JUnit) get the run's usual fail level, and each
    # post whose gate says otherwise (a `fail` entry, a profile) carries its own verdicts.
    default_gate = session.resolver.settings_for_path(_probe(options.paths[0]))
    fail_rank = FAIL_RANK[str(default_gate.fail_on.value)]
    reporter = open_outputs(options.fmt, options.outputs, stream,
                            show_matches=options.show_matches, color=options.color,
                            rules=session.rules, fail_rank=fail_rank,
                            format_given=options.format_given)
    summary = Summary()
    gate = Gate()

    def on_problem(problem: InputProblem) -> None:
        summary.add_problem(problem)
        reporter.problem(problem)

    def on_result(result: FileResult, settings: Settings, filtered: Filtered) -> None:
        summary.add(result)
        summary.suppressed += filtered.suppressed
        summary.baselined += filtered.baselined
        verdicts = gate.judge(result, settings)
        if any(v != (f.rank >= fail_rank) for f, v in zip(result.findings, verdicts,
                                                           strict=True)):
            result.verdicts = verdicts
        reporter.result(result)

    progress = Progress(estimate_posts(options.paths, options=session.read)) \
        if options.progress else None
    session.run(on_problem, on_result, progress.advance if progress is not None else None)
    if progress is not None:
        progress.close()
    reporter.finish(summary)
    stream.flush()
    _nothing_checked(summary, session.excluded)
    code = EXIT_ERROR if summary.problems else EXIT_FINDINGS if gate.fails else EXIT_OK
    if options.explain_exit:
        err.write(gate.explain(code, summary.problems, summary.suppressed, summary.baselined))
        err.flush()
    return code


def run_baseline(options: CheckOptions, output: str | None, err: TextIO | None = None) -> int:
    """Record the findings of every input in a baseline file; return the exit code.

    The file is ``output``, else the ``baseline`` the configuration of the first path names.
    """
    err = err if err is not None else sys.stderr
    session = Session(options, use_baseline=False)
    session.prepare()
    target = output or session.configured_baseline(options.paths[0])
    if target is None:
        raise UsageError("where should the baseline go? give -o FILE, or set 'baseline' in "
                         "the configuration")
    session.baseline_files.add(os.path.abspath(target))
    summary = Summary()
    entries: list[BaselineEntry] = []

    def on_problem(problem: InputProblem) -> None:
        summary.add_problem(problem)
        if not problem.skipped:
            err.write(f"{problem}\n")

    def on_result(result: FileResult, settings: Settings, filtered: Filtered) -> None:
        if output is None and settings.baseline is not None and \
                os.path.abspath(settings.baseline.value) != os.path.abspath(target):
            raise UsageError(f"{result.path} is configured with another baseline "
                             f"({display_path(settings.baseline.value)}); give -o FILE, or "
                             "record each folder separately")
        summary.add(result)
        for f in result.findings:
            if f.category != META_CATEGORY:  # findings about directives are never accepted
                entries.extend(entries_for(result.path, result.post.text, f, target))

    session.run(on_problem, on_result)
    _nothing_checked(summary, session.excluded)
    written = write_baseline(target, entries)
    posts = summary.posts_with_findings
    err.write(f"postlint: wrote {written} entr{'ies' if written != 1 else 'y'} "
              f"({summary.findings} finding{'s' * (summary.findings != 1)} in {posts} "
              f"post{'s' * (posts != 1)}) to {display_path(target)}\n")
    if summary.problems:
        err.write(f"postlint: {summary.problems} input{'s' * (summary.problems != 1)} could "
                  "not be checked; their findings are not in the baseline\n")
        return EXIT_ERROR
    return EXIT_OK


def _nothing_checked(summary: Summary, excluded: int) -> None:
    if summary.posts == 0 and summary.problems == 0 and not excluded:
        if summary.skipped:
            raise UsageError("nothing was checked: every input was skipped")
        raise UsageError("no files to check: the paths hold no *.md, *.markdown, *.txt, *.csv "
                         "or *.json files")
