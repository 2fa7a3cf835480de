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
from .vocabulary import PLATFORMS, SEVERITY_RANK, TAGS

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


@cli.command()
@click.argument("paths", nargs=-1)
@_pack_options
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS)), default="text",
              show_default=True, help="Format written to standard output.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT:PATH",
              help="Also write FORMAT to the file PATH (repeatable; PATH - takes standard "
                   "output instead of --format).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--platform", type=click.Choice(PLATFORMS), default=None,
              help="Check this platform's length limit too.")
@click.option("--show-matches", is_flag=True,
              help="Show personal data and secrets in clear (masked by default).")
@click.option("--model", default=None, metavar="NAME",
              help="A trained spaCy pipeline to use instead of the blank one "
                   "(enables entity rules).")
@click.option("--allow", multiple=True, metavar="WORD",
              help="Your own words (brand, product) that are never findings (repeatable).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=10 * 1024 * 1024,
              show_default=True, metavar="BYTES", help="Refuse inputs larger than this.")
@click.option("--encoding-errors", type=click.Choice(["strict", "replace"]), default="strict",
              show_default=True, help="'replace' checks files that are not valid UTF-8 anyway.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour in text output (never when NO_COLOR is set).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes to use (0: one per CPU). Output is the same for any value.")
@click.option("--progress", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Progress on stderr for long runs (auto: terminals only).")
@click.option("--text-field", default=None, metavar="NAME",
              help="The CSV column or JSON key (a dotted path for nested keys) with the post.")
@click.option("--reader", type=click.Choice(READER_NAMES), default=None,
              help="Read every input (and standard input) in this format, not by file name.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def check(paths, packs, only_packs, fmt, outputs, fail_on, platform, show_matches, model,
          allow, max_file_size, encoding_errors, color, jobs, progress, text_field, reader,
          debug) -> None:
    """Check posts: files, folders (*.md, *.markdown, *.txt, *.csv, *.json) or - for
    standard input."""
    from .progress import should_show
    from .reporters.outputs import plan_outputs
    from .runner import CheckOptions, run_check

    source = click.get_current_context().get_parameter_source("fmt")
    format_given = source is not None and source.name != "DEFAULT"

    def action() -> int:
        if not paths:
            raise UsageError("nothing to check: give files, folders or - for standard input")
        plan_outputs(fmt, outputs, format_given)  # a bad --output fails before any work
        options = CheckOptions(
            paths=list(paths), packs=list(packs), only_packs=only_packs, fmt=fmt,
            outputs=list(outputs), format_given=format_given,
            show_matches=show_matches, platform=platform, model=model, allow=list(allow),
            max_bytes=max_file_size, encoding_errors=encoding_errors,
            color=_use_color(color), fail_rank=SEVERITY_RANK.get(fail_on, 99),
            jobs=jobs or os.cpu_count() or 1, progress=should_show(progress),
            text_field=text_field, reader=reader,
        )
        return run_check(options, sys.stdout)

    sys.exit(_guard(debug, action))


@cli.command("rules")
@_pack_options
@click.option("--tags", "show_tags", is_flag=True, help="List the tag vocabulary instead.")
@click.option("--model", default=None, metavar="NAME", help="Pipeline to check rules against.")
def rules_cmd(packs, only_packs, show_tags, model) -> None:
    """List every rule: id, category, tags, severity, kind and message."""
    from .explain import list_rules

    def action() -> int:
        if show_tags:
            for tag, meaning in TAGS.items():
                click.echo(f"{tag:16} {meaning}")
            return EXIT_OK
        click.echo(list_rules(_linter(packs, only_packs, model)), nl=False)
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
