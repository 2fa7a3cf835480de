"""The command line: a thin layer that parses options, calls the library, picks a reporter.

Exit codes: 0 nothing at or above ``--fail-on``; 1 something is; 2 a usage or configuration
error, or an input that could not be checked (2 wins over 1).
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable

import click

from . import __version__
from .errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, PostlintError, UsageError
from .reporters.outputs import REPORTERS
from .vocabulary import PLATFORMS, TAGS

FAIL_ON = ("error", "warning", "info", "never")
# The names of postlint.sources.discover.READERS, kept here so --help stays fast.
READER_NAMES = ("text", "markdown", "thread", "text-thread", "csv", "json", "jsonl")
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shells report a command killed by a closed pipe


def _guard(debug: bool, action: Callable[[], int]) -> int:
    """Run a command; a postlint error becomes one line on stderr and exit 2."""
    try:
        return action()
    except PostlintError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"postlint: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("postlint: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, but do not claim a clean run.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # a bug: say so plainly, the traceback only with --debug
        if debug:
            traceback.print_exc()
        click.echo(f"postlint: internal error: {type(exc).__name__}: {exc} "
                   "(run again with --debug for details, and please report it)", err=True)
        return EXIT_ERROR


def _pack_options(func):
    func = click.option("--only-packs", is_flag=True,
                        help="Use only the --pack files, not the built-in packs.")(func)
    func = click.option("--pack", "packs", multiple=True, metavar="FILE",
                        help="Add a rule pack file (repeatable).")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postlint")
def cli() -> None:
    """postlint: a risk linter for social-media posts."""


def _config_options(func):
    func = click.option("--no-config", is_flag=True,
                        help="Ignore postlint.yaml, .postlint.yaml and pyproject.toml.")(func)
    func = click.option("--config", "config_file", default=None, metavar="FILE",
                        help="Use this configuration file instead of the nearest one.")(func)
    return func


def _settings_options(func):
    """Options that ``check`` and ``baseline`` share: what is checked and how."""
    func = click.option("--encoding-errors", type=click.Choice(["strict", "replace"]),
                        default="strict", show_default=True,
                        help="'replace' checks files that are not valid UTF-8 anyway.")(func)
    func = click.option("--max-file-size", type=click.IntRange(min=1),
                        default=10 * 1024 * 1024, show_default=True, metavar="BYTES",
                        help="Refuse inputs larger than this.")(func)
    func = click.option("--reader", type=click.Choice(READER_NAMES), default=None,
                        help="Read every input (and standard input) in this format, not by "
                             "file name.")(func)
    func = click.option("--text-field", default=None, metavar="NAME",
                        help="The CSV column or JSON key (a dotted path for nested keys) "
                             "with the post.")(func)
    func = click.option("--report-unused-suppressions", "report_unused", is_flag=True,
                        help="Report suppressions that suppress nothing.")(func)
    func = click.option("--ignore", "ignore", multiple=True, metavar="RULES",
                        help="Leave out rules: ids, patterns (oversharing/*), category:NAME, "
                             "tag:NAME (repeatable).")(func)
    func = click.option("--select", "select", multiple=True, metavar="RULES",
                        help="Report only these rules (same forms as --ignore).")(func)
    func = click.option("--profile", default=None, metavar="NAME",
                        help="An audience profile (`postlint profiles` lists them).")(func)
    func = click.option("--allow", multiple=True, metavar="WORD",
                        help="Your own words (brand, product) and published contact details "
                             "that are never findings (repeatable).")(func)
    func = click.option("--model", default=None, metavar="NAME",
                        help="A trained spaCy pipeline to use instead of the blank one "
                             "(enables entity rules).")(func)
    func = click.option("--platform", type=click.Choice(PLATFORMS), default=None,
                        help="Check this platform's length limit too.")(func)
    func = _config_options(func)
    func = _pack_options(func)
    return func


@cli.command()
@click.argument("paths", nargs=-1)
@_settings_options
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS)), default="text",
              show_default=True, help="Format written to standard output.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT:PATH",
              help="Also write FORMAT to the file PATH (repeatable; PATH - takes standard "
                   "output instead of --format).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the exit code 1, for every rule (replaces the "
                   "configuration's fail-on and fail; default: error).")
@click.option("--explain-exit", is_flag=True,
              help="Say on stderr which findings and settings decided the exit code.")
@click.option("--baseline", "baseline", default=None, metavar="FILE",
              help="Report only findings that are not in this baseline file.")
@click.option("--no-baseline", is_flag=True, help="Ignore the configured baseline.")
@click.option("--show-matches", is_flag=True,
              help="Show personal data and secrets in clear (masked by default).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour in text output (never when NO_COLOR is set).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes to use (0: one per CPU). Output is the same for any value.")
@click.option("--progress", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Progress on stderr for long runs (auto: terminals only).")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def check(paths, fmt, outputs, fail_on, explain_exit, baseline, no_baseline, show_matches,
          color, jobs, progress, debug, **settings) -> None:
    """Check posts: files, folders (*.md, *.markdown, *.txt, *.csv, *.json) or - for
    standard input.

    Settings come from the nearest postlint.yaml, .postlint.yaml or pyproject.toml
    [tool.postlint] above each file (see docs/configuration.md); the options here win.
    """
    from .progress import should_show
    from .reporters.outputs import plan_outputs
    from .runner import run_check

    source = click.get_current_context().get_parameter_source("fmt")
    format_given = source is not None and source.name != "DEFAULT"

    def action() -> int:
        if not paths:
            raise UsageError("nothing to check: give files, folders or - for standard input")
        plan_outputs(fmt, outputs, format_given)  # a bad --output fails before any work
        options = _check_options(
            paths, settings, fmt=fmt, outputs=list(outputs), format_given=format_given,
            show_matches=show_matches, color=_use_color(color), fail_on=fail_on,
            jobs=jobs or os.cpu_count() or 1, progress=should_show(progress),
            baseline=baseline, use_baseline=not no_baseline, explain_exit=explain_exit)
        return run_check(options, sys.stdout)

    sys.exit(_guard(debug, action))


@cli.command()
@click.argument("paths", nargs=-1)
@_settings_options
@click.option("-o", "--output", default=None, metavar="FILE",
              help="The baseline file to write (default: the configuration's 'baseline').")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def baseline(paths, output, debug, **settings) -> None:
    """Record today's findings, so that `check --baseline` reports only new ones.

    PATHS are checked as `postlint check` would (default: the current folder); every
    finding's spans are written to the baseline file, sorted, as hashes.
    """
    from .runner import run_baseline

    def action() -> int:
        options = _check_options(paths or (".",), settings)
        return run_baseline(options, output)

    sys.exit(_guard(debug, action))


def _check_options(paths, settings: dict, **more):
    from .runner import CheckOptions

    return CheckOptions(
        paths=list(paths), packs=list(settings["packs"]), only_packs=settings["only_packs"],
        platform=settings["platform"], model=settings["model"], allow=list(settings["allow"]),
        max_bytes=settings["max_file_size"], encoding_errors=settings["encoding_errors"],
        config=settings["config_file"], use_config=not settings["no_config"],
        profile=settings["profile"], select=list(settings["select"]) or None,
        ignore=list(settings["ignore"]), report_unused=settings["report_unused"],
        text_field=settings["text_field"], reader=settings["reader"], **more)


@cli.command()
@click.argument("path", default="postlint.yaml", required=False)
@click.option("--profile", default=None, metavar="NAME", help="Start from this profile.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path, profile, force) -> None:
    """Write a commented starter configuration (postlint.yaml in the current folder)."""
    from .config.starter import write_starter

    def action() -> int:
        written = write_starter(path, profile, force)
        click.echo(f"postlint: wrote {written}; edit it, then run `postlint check`", err=True)
        return EXIT_OK

    sys.exit(_guard(False, action))


@cli.command()
@click.argument("name", required=False)
def profiles(name) -> None:
    """List the audience profiles, or show one's settings."""
    from .profiles import get_profile
    from .profiles import profiles as all_profiles

    def action() -> int:
        if name:
            with open(get_profile(name).path, encoding="utf-8") as handle:
                click.echo(handle.read(), nl=False)
            return EXIT_OK
        import textwrap

        for p in all_profiles().values():
            click.echo(p.name)
            click.echo(textwrap.fill(p.description, 88, initial_indent="    ",
                                     subsequent_indent="    "))
        return EXIT_OK

    sys.exit(_guard(False, action))


@cli.command("rules")
@_pack_options
@click.option("--tags", "show_tags", is_flag=True, help="List the tag vocabulary instead.")
@click.option("--model", default=None, metavar="NAME", help="Pipeline to check rules against.")
@click.option("--profile", default=None, metavar="NAME",
              help="Show each rule's severity and gate under this profile.")
@_config_options
def rules_cmd(packs, only_packs, show_tags, model, profile, config_file, no_config) -> None:
    """List every rule: id, category, tags, severity, kind and message.

    With --profile or --config, list the severity each rule gets, whether it fails the
    check, and which setting decided.
    """
    from .explain import list_rules

    def action() -> int:
        if show_tags:
            for tag, meaning in TAGS.items():
                click.echo(f"{tag:20} {meaning}")
            return EXIT_OK
        if profile is None and config_file is None:
            click.echo(list_rules(_linter(packs, only_packs, model)), nl=False)
            return EXIT_OK
        from .config.listing import rules_with_settings
        from .runner import CheckOptions, LinterCache, Session

        session = Session(CheckOptions(paths=["."], packs=list(packs), only_packs=only_packs,
                                       model=model, profile=profile, config=config_file,
                                       use_config=not no_config))
        settings = session.resolver.settings_for_path(os.path.join(os.getcwd(), "_"))
        click.echo(rules_with_settings(LinterCache()(settings.linter), settings), nl=False)
        return EXIT_OK

    sys.exit(_guard(False, action))


@cli.command()
@click.argument("rule")
@_pack_options
def explain(rule, packs, only_packs) -> None:
    """Explain a rule: why it matters, its examples and what it matches."""
    from .explain import explain_rule

    sys.exit(_guard(False, lambda: _echo(explain_rule(_linter(packs, only_packs), rule))))


@cli.command("test-rules")
@click.argument("pack_files", nargs=-1)
@click.option("--model", default=None, metavar="NAME", help="Pipeline to run the examples on.")
def test_rules(pack_files, model) -> None:
    """Run every rule's flag and pass examples (the built-in packs when none are given)."""
    from .selftest import run_examples

    def action() -> int:
        linter = _linter(pack_files, bool(pack_files), model)
        report, failures = run_examples(linter)
        click.echo(report, nl=False)
        return EXIT_FINDINGS if failures else EXIT_OK

    sys.exit(_guard(False, action))


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("--output", "-o", required=True, metavar="PATH",
              help="Findings: a .jsonl file, or a .parquet folder (--output-format).")
@click.option("--output-format", type=click.Choice(["jsonl", "parquet"]), default=None,
              help="Findings format (default: from the --output name).")
@click.option("--input-format", type=click.Choice(["jsonl", "csv", "tsv", "parquet"]),
              default=None, help="Export format (default: from each file's suffix).")
@click.option("--text-column", default=None, metavar="NAME", help="Column of the post text.")
@click.option("--id-column", default=None, metavar="NAME", help="Column of the post id.")
@click.option("--keep", multiple=True, metavar="COLS",
              help="Columns to copy into the findings (comma-separated, repeatable; "
                   "default: all but the text).")
@click.option("--account-column", default=None, metavar="NAME", help="Account, for the summary.")
@click.option("--date-column", default=None, metavar="NAME", help="Date, for the summary.")
@click.option("--network-column", default=None, metavar="NAME",
              help="Network: a known platform adds its length limit.")
@_pack_options
@click.option("--platform", type=click.Choice(PLATFORMS), default=None,
              help="Check this platform's length limit for every post.")
@click.option("--model", default=None, metavar="NAME", help="A trained spaCy pipeline.")
@click.option("--allow", multiple=True, metavar="WORD", help="Words that are never findings.")
@click.option("--show-matches", is_flag=True,
              help="Write personal data and secrets in clear (masked by default).")
@click.option("--summary", "summaries", multiple=True, metavar="FILE",
              help="Write the summary: .json, .html, else text (repeatable).")
@click.option("--resume", is_flag=True, help="Continue a stopped audit of the same inputs.")
@click.option("--checkpoint-seconds", type=click.FloatRange(min=0), default=10.0,
              show_default=True, help="Commit findings and progress this often.")
@click.option("--engine", type=click.Choice(["local", "spark", "dask"]), default="local",
              show_default=True, help="Where to lint (spark and dask are extras).")
@click.option("--spark-master", default=None, metavar="URL",
              help="Spark master (default: spark-submit's, else local[JOBS]).")
@click.option("--dask-scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (default: a local cluster of JOBS workers).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes (workers) to use (0: one per CPU).")
@click.option("--progress", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Progress bar on stderr (auto: terminals only).")
@click.option("--max-record-size", type=click.IntRange(min=1), default=10 * 1024 * 1024,
              show_default=True, metavar="BYTES", help="Refuse records larger than this.")
@click.option("--encoding-errors", type=click.Choice(["strict", "replace"]), default="strict",
              show_default=True, help="'replace' reads records that are not valid UTF-8.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def audit(inputs, output, output_format, input_format, text_column, id_column, keep,
          account_column, date_column, network_column, packs, only_packs, platform, model,
          allow, show_matches, summaries, resume, checkpoint_seconds, engine, spark_master,
          dask_scheduler, jobs, progress, max_record_size, encoding_errors, debug) -> None:
    """Audit exports of posts (JSON Lines, CSV, Parquet): findings rows and a summary."""
    from .audit import AuditOptions, ColumnChoice, ReadLimits, run_audit
    from .progress import should_show

    def action() -> int:
        kept = tuple(c.strip() for item in keep for c in item.split(",") if c.strip())
        options = AuditOptions(
            inputs=list(inputs), output=output, output_format=output_format,
            input_format=input_format,
            columns=ColumnChoice(text_column, id_column, kept if keep else None,
                                 account_column, date_column, network_column),
            limits=ReadLimits(max_record_size, encoding_errors), packs=list(packs),
            only_packs=only_packs, model=model, platform=platform, allow=list(allow),
            show_matches=show_matches, jobs=jobs or os.cpu_count() or 1, resume=resume,
            progress=should_show(progress), checkpoint_seconds=checkpoint_seconds,
            summaries=list(summaries), engine=engine, spark_master=spark_master,
            dask_scheduler=dask_scheduler)
        return run_audit(options, sys.stdout, sys.stderr)

    sys.exit(_guard(debug, action))


def _linter(packs, only_packs, model=None):
    from .api import Linter

    return Linter(list(packs), only_packs=only_packs, model=model)


def _echo(text: str) -> int:
    click.echo(text, nl=False)
    return EXIT_OK


def _use_color(choice: str) -> bool:
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if choice == "always":
        return True
    return sys.stdout.isatty()


def main() -> None:
    """Console entry point."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    cli(prog_name="postlint")


if __name__ == "__main__":
    main()
