"""Cold start: wall time and peak RSS of ``postlint check one-post.md`` as a whole process.

    python benchmarks/coldstart.py [--runs 9] [--json]

Each run is a fresh child process (peak RSS from ``os.wait4``, i.e. that child's own
``ru_maxrss``). The runs are interleaved with the reference
``python -c "import spacy; spacy.blank('en')"`` and, for context, an empty interpreter and
``Linter()`` built from the API; the median of ``--runs`` (at least 7) is reported. One
untimed run of each comes first so that every command starts from a warm page cache.
Writes only under benchmarks/results/ (the post, and ``--json``).
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # keep benchmarks/ free of __pycache__

import argparse  # noqa: E402
from importlib import metadata  # noqa: E402

import _common as c  # noqa: E402

POST = """\
Huge thanks to everyone who came to the launch last night! The new release is live,
and honestly this team is the best. Ping me at jane.doe@example.com with feedback.
"""

TARGET = 1.3
OWN_DISTS = {"spacy", "spacy-legacy", "spacy-loggers", "srsly", "thinc", "weasel", "confection",
             "postlint"}


def foreign_spacy_plugins() -> list[str]:
    """Other installed packages that register spaCy entry points.

    spaCy loads its ``spacy_*`` entry points when a pipeline is built, importing those
    packages (presidio-analyzer, for one, costs about 0.7 s): that inflates both postlint's
    start and the blank-spaCy reference, so cold start belongs in an environment with only
    postlint installed.
    """
    found = set()
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if name in OWN_DISTS:
            continue
        if any(ep.group.startswith("spacy_") for ep in dist.entry_points):
            found.add(name)
    return sorted(found)


def commands(post: str) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "postlint check one-post.md": [*c.postlint_cmd(), "check", post],
        "python -c \"import spacy; spacy.blank('en')\"":
            [py, "-c", "import spacy; spacy.blank('en')"],
        "python -c \"from postlint import Linter; Linter()\"":
            [py, "-c", "from postlint import Linter; Linter()"],
        "python -c pass": [py, "-c", "pass"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each (min 7)")
    parser.add_argument("--json", action="store_true",
                        help="write results to benchmarks/results/coldstart.json")
    args = parser.parse_args(argv)
    runs = max(args.runs, 7)

    info = c.machine_info()
    c.print_machine(info)
    plugins = foreign_spacy_plugins()
    info["spacy_plugins"] = plugins
    if plugins:
        print(f"warning: {', '.join(plugins)} register(s) spaCy entry points that spaCy "
              "imports at start-up; measure cold start in an environment with only postlint "
              "(python -m venv v && v/bin/pip install -e .)")
    post = c.results_dir() / "one-post.md"
    post.write_text(POST, encoding="utf-8")
    cmds = commands(str(post))

    samples: dict[str, list[c.Run]] = {name: [] for name in cmds}
    for name, cmd in cmds.items():  # warm-up, untimed
        run = c.run_child(cmd)
        if not run.ok:
            print(f"{name} failed (exit {run.returncode}): {run.stderr.strip()[-300:]}",
                  file=sys.stderr)
            return 2
    print(f"{runs} interleaved runs of {len(cmds)} commands ...", flush=True)
    for _ in range(runs):
        for name, cmd in cmds.items():
            samples[name].append(c.run_child(cmd))

    def med(name: str, attr: str) -> float:
        return c.median([getattr(r, attr) for r in samples[name]])

    ref = "python -c \"import spacy; spacy.blank('en')\""
    ref_wall, ref_rss, ref_cpu = med(ref, "wall"), med(ref, "max_rss_mb"), med(ref, "cpu")
    rows = []
    for name in cmds:
        wall, rss = med(name, "wall"), med(name, "max_rss_mb")
        walls = sorted(r.wall for r in samples[name])
        rows.append([name, f"{wall * 1000:.0f}", f"{walls[0] * 1000:.0f}-{walls[-1] * 1000:.0f}",
                     f"{med(name, 'cpu') * 1000:.0f}", f"{rss:.0f}",
                     c.fmt_ratio(wall / ref_wall), c.fmt_ratio(med(name, "cpu") / ref_cpu),
                     c.fmt_ratio(rss / ref_rss)])
    print()
    print(c.table(["command", "wall ms (median)", "min-max ms", "CPU ms", "peak RSS MB",
                   "wall / blank spaCy", "CPU / blank spaCy", "RSS / blank spaCy"], rows))

    name = "postlint check one-post.md"
    wall_ratio = med(name, "wall") / ref_wall
    rss_ratio = med(name, "max_rss_mb") / ref_rss
    cpu_ratio = med(name, "cpu") / ref_cpu
    print()
    print(c.table(["target", "measured", "verdict"], [
        [f"cold start wall <= {TARGET}x import spacy; spacy.blank('en')",
         c.fmt_ratio(wall_ratio), "met" if wall_ratio <= TARGET else "MISSED"],
        ["(user+sys CPU time, less sensitive to other load)", c.fmt_ratio(cpu_ratio), ""],
        ["(peak RSS, for information)", c.fmt_ratio(rss_ratio), ""],
    ]))

    if args.json:
        payload = {
            "benchmark": "coldstart", "date": c.now_iso(), "machine": info, "runs": runs,
            "commands": {
                name: {"cmd": cmds[name],
                       "wall_median": med(name, "wall"),
                       "cpu_median": med(name, "cpu"),
                       "max_rss_mb_median": med(name, "max_rss_mb"),
                       "walls": [r.wall for r in samples[name]],
                       "max_rss_mb": [r.max_rss_mb for r in samples[name]]}
                for name in cmds},
            "wall_ratio": wall_ratio, "cpu_ratio": cpu_ratio, "rss_ratio": rss_ratio,
            "target": TARGET,
        }
        print(f"\nwrote {c.save_json('coldstart.json', payload)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
