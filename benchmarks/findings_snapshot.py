"""Findings snapshot: every finding on every development post, recorded and compared.

    python benchmarks/findings_snapshot.py record --data /work/shared/eval --name base
    python benchmarks/findings_snapshot.py record --data /work/shared/eval --name new --cli
    python benchmarks/findings_snapshot.py compare base new

A speed change must not change what postlint finds. ``record`` runs ``Linter().lint_many``
over every development post in the evaluation folder (TweetEval train and validation of
every task, every ``pii/*.jsonl`` and ``marketing/*.jsonl`` set) and keeps, for each post,
every field of every finding (rule, spans and related spans, severity, message, masked
text, fingerprint, ...) and a digest of them. ``--platform x`` (repeatable) adds runs with a
platform, so length rules take part. ``--cli`` also runs ``postlint check`` as a whole
process (``--format json`` and text, with and without ``--show-matches`` and
``--platform x``) on ``examples/`` and a few corpora, and keeps the digest of each output
byte for byte. ``compare`` prints the posts and outputs that differ (exit 1 if any).

Snapshots go to ``benchmarks/results/findings-<name>.jsonl.gz`` (git-ignored); the data is
read in place and never copied into the repository.
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # keep benchmarks/ free of __pycache__

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import gzip  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import _common as c  # noqa: E402

REPO = c.BENCH_DIR.parent
# Corpora the CLI is run on, relative to --data (JSON Lines are read as they are; TweetEval
# text files are written to results/ as JSON Lines first).
CLI_CORPORA = ("marketing/posts.jsonl", "pii/ibm_cdp_customer.jsonl",
               "pii/presidio_synth_v2.jsonl", "tweeteval/offensive/val_text.txt",
               "tweeteval/sentiment/val_text.txt")
CLI_VARIANTS = (
    ("json", ["--format", "json"]),
    ("json-show", ["--format", "json", "--show-matches"]),
    ("json-x", ["--format", "json", "--platform", "x"]),
    ("text", ["--format", "text", "--color", "never"]),
)


def development_posts(data: Path) -> Iterator[tuple[str, str, str]]:
    """(set, post id, text) for every development post, in a stable order."""
    tweeteval = data / "tweeteval"
    for path in sorted({*tweeteval.glob("**/train_text.txt"), *tweeteval.glob("**/val_text.txt")}):
        set_name = path.parent.relative_to(tweeteval).as_posix()
        split = path.name.split("_")[0]
        with path.open(encoding="utf-8") as handle:
            for n, line in enumerate(handle):
                yield set_name, f"{split}:{n}", line.rstrip("\r\n")
    for folder in ("pii", "marketing"):
        for path in sorted((data / folder).glob("*.jsonl")):
            with path.open(encoding="utf-8") as handle:
                for n, line in enumerate(handle):
                    if line.strip():
                        record = json.loads(line)
                        yield f"{folder}/{path.stem}", str(record.get("id", n)), record["text"]


def finding_record(finding) -> dict:
    return dataclasses.asdict(finding)


def digest(value) -> str:
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def snapshot_path(name: str) -> Path:
    return c.results_dir() / f"findings-{name}.jsonl.gz"


def record_api(data: Path, platforms: list[str | None], out) -> tuple[int, int, float]:
    from postlint import Linter

    linter = Linter()
    posts = list(development_posts(data))
    total_findings = 0
    start = time.process_time()
    for platform in platforms:
        items = [text if platform is None else (text, platform) for _, _, text in posts]
        for (set_name, post_id, _), findings in zip(posts, linter.lint_many(items),
                                                    strict=True):
            records = [finding_record(f) for f in findings]
            total_findings += len(records)
            out.write(json.dumps({"kind": "post", "platform": platform, "set": set_name,
                                  "id": post_id, "digest": digest(records),
                                  "findings": records}, ensure_ascii=False) + "\n")
    return len(posts), total_findings, time.process_time() - start


def cli_inputs(data: Path) -> list[tuple[str, Path]]:
    inputs = [("examples", REPO / "examples")]
    for rel in CLI_CORPORA:
        path = data / rel
        if not path.exists():
            continue
        if path.suffix == ".txt":
            lines = [t.rstrip("\r\n") for t in path.read_text(encoding="utf-8").splitlines()]
            path = c.write_jsonl([t for t in lines if t.strip()],
                                 c.results_dir() / ("snapshot-" + rel.replace("/", "-")
                                                    .replace(".txt", ".jsonl")))
        inputs.append((rel, path))
    return inputs


def record_cli(data: Path, name: str, out) -> int:
    outputs = c.results_dir() / f"findings-{name}-cli"
    outputs.mkdir(parents=True, exist_ok=True)
    runs = 0
    for label, path in cli_inputs(data):
        for variant, options in CLI_VARIANTS:
            cmd = [*c.postlint_cmd(), "check", *options, str(path)]
            proc = subprocess.run(cmd, capture_output=True, cwd=REPO, env=c.child_env())
            key = f"{label} [{variant}]"
            # The outputs name the inputs by path, and the examples and the converted corpora
            # live in the checkout: the checkout's own path is written as "<repo>", so two
            # checkouts (a commit exported beside main) compare equal when their findings do.
            stdout = proc.stdout.replace(str(REPO).encode(), b"<repo>")
            (outputs / (key.replace("/", "-").replace(" ", "") + ".out")).write_bytes(stdout)
            out.write(json.dumps({
                "kind": "cli", "id": key, "exit": proc.returncode,
                "digest": hashlib.sha256(stdout).hexdigest()[:24],
                "stderr": proc.stderr.decode("utf-8", "replace")[-400:],
                "bytes": len(stdout)}) + "\n")
            runs += 1
    return runs


def load(name: str) -> dict[tuple, dict]:
    path = snapshot_path(name) if not name.endswith(".gz") else Path(name)
    if not path.exists():
        raise SystemExit(f"no snapshot {path}; record it first")
    entries: dict[tuple, dict] = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry["kind"] == "meta":
                key = ("meta",)
            elif entry["kind"] == "post":
                key = ("post", entry["platform"], entry["set"], entry["id"])
            else:
                key = ("cli", entry["id"])
            entries[key] = entry
    return entries


def compare(a: str, b: str, show: int) -> int:
    old, new = load(a), load(b)
    for label, snap in ((a, old), (b, new)):
        meta = snap.get(("meta",), {})
        print(f"{label}: commit {meta.get('commit')} ({meta.get('package', '?')}), "
              f"{meta.get('posts')} posts, "
              f"{meta.get('findings')} findings, platforms {meta.get('platforms')}, "
              f"CLI runs {meta.get('cli_runs')}")
    differ: list[tuple] = []
    only_one: list[tuple] = []
    compared = {"post": 0, "cli": 0}
    for key in sorted(set(old) | set(new), key=str):
        if key[0] == "meta":
            continue
        if key not in old or key not in new:
            only_one.append(key)
            continue
        compared[key[0]] += 1
        o, n = old[key], new[key]
        if o["digest"] != n["digest"] or o.get("exit") != n.get("exit"):
            differ.append(key)
    print(f"compared {compared['post']:,} post runs and {compared['cli']} CLI outputs: "
          f"{len(differ)} differ, {len(only_one)} in one snapshot only")
    for key in only_one[:show]:
        print(f"  only in {'the first' if key in old else 'the second'}: {key}")
    for key in differ[:show]:
        o, n = old[key], new[key]
        print(f"\n--- {key}")
        if key[0] == "cli":
            print(f"  exit {o['exit']} -> {n['exit']}, {o['bytes']} -> {n['bytes']} bytes")
            continue
        old_f = {json.dumps(f, sort_keys=True) for f in o["findings"]}
        new_f = {json.dumps(f, sort_keys=True) for f in n["findings"]}
        for f in sorted(old_f - new_f):
            print("  - " + f[:600])
        for f in sorted(new_f - old_f):
            print("  + " + f[:600])
    same = not differ and not only_one
    print("\nfindings identical" if same else "\nfindings DIFFER")
    return 0 if same else 1


def git_commit(package: Path) -> str | None:
    """The commit of the checkout the measured package comes from (``None``: not a checkout)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=package, check=True).stdout.strip()
        # ":/" makes the paths relative to the top of the checkout, not to the package
        dirty = subprocess.run(["git", "status", "--porcelain", "--", ":/src", ":/rules"],
                               capture_output=True, text=True, cwd=package).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="record a snapshot")
    rec.add_argument("--data", required=True, help="evaluation folder (tweeteval/, pii/, ...)")
    rec.add_argument("--name", required=True, help="snapshot name")
    rec.add_argument("--platform", action="append", default=[],
                     help="also run with this platform (repeatable), e.g. x")
    rec.add_argument("--cli", action="store_true",
                     help="also record postlint check outputs byte for byte")
    cmp = sub.add_parser("compare", help="compare two snapshots")
    cmp.add_argument("a")
    cmp.add_argument("b")
    cmp.add_argument("--show", type=int, default=10, help="differences to print")
    args = parser.parse_args(argv)
    if args.command == "compare":
        return compare(args.a, args.b, args.show)

    data = Path(args.data)
    if not (data / "tweeteval").is_dir():
        raise SystemExit(f"{data} has no tweeteval/ folder")
    platforms: list[str | None] = [None, *args.platform]
    path = snapshot_path(args.name)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        posts, findings, cpu = record_api(data, platforms, out)
        cli_runs = record_cli(data, args.name, out) if args.cli else 0
        import postlint

        # The code that was measured: PYTHONPATH may point at another checkout than this one.
        package = Path(postlint.__file__).resolve().parent
        out.write(json.dumps({"kind": "meta", "commit": git_commit(package), "posts": posts,
                              "package": str(package),
                              "findings": findings, "platforms": platforms,
                              "cli_runs": cli_runs, "api_cpu_seconds": round(cpu, 2)}) + "\n")
    print(f"{posts:,} posts x {len(platforms)} platform setting(s): {findings:,} findings "
          f"({cpu:.1f} CPU s); {cli_runs} CLI outputs; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
