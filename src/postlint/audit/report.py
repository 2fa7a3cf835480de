"""Renders an audit summary (:meth:`AuditSummary.report`) as text, JSON or one HTML page.

The HTML page is self-contained: inline CSS and an inline SVG chart, no script, no fonts,
images or styles from anywhere else, so it opens offline and can be mailed as one file.
"""

from __future__ import annotations

import json
from html import escape

CATEGORY_COLOURS = {"controversy": "#c0392b", "oversharing": "#8e44ad",
                    "negativity": "#d68910", "style": "#2471a3"}
TEXT_ROWS = 20


def render(report: dict, fmt: str) -> str:
    return {"text": render_text, "json": render_json, "html": render_html}[fmt](report)


def format_for(path: str) -> str:
    """The summary format for a file name: .json, .html/.htm, anything else text."""
    lower = path.lower()
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".html", ".htm")):
        return "html"
    return "text"


def render_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=True, indent=2) + "\n"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def render_text(report: dict) -> str:
    posts = report["posts"]
    lines = [f"{posts:,} posts audited, {report['posts_with_findings']:,} with findings "
             f"({_share(report['posts_with_findings'], posts)}), {report['findings']:,} "
             f"findings, {report['problems']:,} records not checked", ""]

    def table(title: str, header: list[str], rows: list[list], more: int = 0) -> None:
        if not rows:
            return
        widths = [max(len(str(x)) for x in column) for column in zip(header, *rows,
                                                                       strict=True)]
        lines.append(title)
        for row in [header, *rows]:
            cells = [str(x).rjust(w) if _numeric(str(x)) else str(x).ljust(w)
                     for x, w in zip(row, widths, strict=True)]
            lines.append("  " + "  ".join(cells).rstrip())
        if more:
            lines.append(f"  ... and {more:,} more (see the JSON summary)")
        lines.append("")

    accounts = report["by_account"]
    table("By account", ["account", "posts", "flagged", "share", "findings"],
          [[a["account"], f"{a['posts']:,}", f"{a['posts_with_findings']:,}",
            _share(a["posts_with_findings"], a["posts"]), f"{a['findings']:,}"]
           for a in accounts[:TEXT_ROWS]], max(len(accounts) - TEXT_ROWS, 0))
    table("By category", ["category", "findings"],
          [[c["category"], f"{c['findings']:,}"] for c in report["by_category"]])
    rules = report["by_rule"]
    table("By rule", ["rule", "severity", "findings", "example"],
          [[r["rule"], r["severity"], f"{r['findings']:,}",
            _clip(r["examples"][0]["match"]) if r["examples"] else ""]
           for r in rules[:TEXT_ROWS]], max(len(rules) - TEXT_ROWS, 0))
    table("By month", ["month", "posts", "flagged", "share", "findings"],
          [[m["month"], f"{m['posts']:,}", f"{m['posts_with_findings']:,}",
            _share(m["posts_with_findings"], m["posts"]), f"{m['findings']:,}"]
           for m in report["by_month"]])
    return "\n".join(lines)


def _numeric(cell: str) -> bool:
    return bool(cell) and cell.rstrip("%").replace(",", "").replace(".", "").isdigit() \
        or cell == "-"


def _clip(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _chart(months: list[dict]) -> str:
    """Findings per month as stacked bars by category, in SVG."""
    if not months:
        return "<p>No posts.</p>"
    top = max((m["findings"] for m in months), default=0) or 1
    bar, gap, height, left, bottom = 22, 6, 180, 48, 40
    width = left + len(months) * (bar + gap) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
             f'height="{height + bottom + 10}" aria-label="Findings per month by category">']
    for fraction in (0, 0.5, 1):
        y = 10 + height - fraction * height
        parts.append(f'<line x1="{left - 4}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" '
                     'stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" '
                     f'font-size="11">{round(top * fraction):,}</text>')
    for i, month in enumerate(months):
        x = left + i * (bar + gap)
        y = 10 + height
        for category, n in month["by_category"].items():
            h = height * n / top
            y -= h
            colour = CATEGORY_COLOURS.get(category, "#7f8c8d")
            parts.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{h:.1f}" '
                         f'fill="{colour}"><title>{escape(month["month"])} '
                         f'{escape(category)}: {n:,}</title></rect>')
        parts.append(f'<text x="{x + bar / 2}" y="{10 + height + 14}" font-size="10" '
                     f'text-anchor="end" transform="rotate(-45 {x + bar / 2} '
                     f'{10 + height + 14})">{escape(month["month"])}</text>')
    parts.append("</svg>")
    legend = " ".join(f'<span class="key" style="background:{colour}"></span>{escape(name)}'
                      for name, colour in CATEGORY_COLOURS.items())
    return "".join(parts) + f'<p class="legend">{legend}</p>'


def render_html(report: dict) -> str:
    def table(header: list[str], rows: list[list]) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
                       for row in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    posts = report["posts"]
    sections = [
        "<h2>Findings per month</h2>", _chart(report["by_month"]),
        "<h2>By account</h2>",
        table(["account", "posts", "posts with findings", "share", "findings"],
              [[a["account"], f"{a['posts']:,}", f"{a['posts_with_findings']:,}",
                _share(a["posts_with_findings"], a["posts"]), f"{a['findings']:,}"]
               for a in report["by_account"]]),
        "<h2>By category</h2>",
        table(["category", "findings"],
              [[c["category"], f"{c['findings']:,}"] for c in report["by_category"]]),
        "<h2>By rule</h2>",
        table(["rule", "category", "severity", "findings", "examples (post id: match)"],
              [[r["rule"], r["category"], r["severity"], f"{r['findings']:,}",
                "; ".join(f"{e['post_id']}: {_clip(e['match'])}" for e in r["examples"])]
               for r in report["by_rule"]]),
        "<h2>By month</h2>",
        table(["month", "posts", "posts with findings", "share", "findings"],
              [[m["month"], f"{m['posts']:,}", f"{m['posts_with_findings']:,}",
                _share(m["posts_with_findings"], m["posts"]), f"{m['findings']:,}"]
               for m in report["by_month"]]),
    ]
    style = ("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:70em}"
             "table{border-collapse:collapse;margin-bottom:1.5em}"
             "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
             "td:not(:first-child){font-variant-numeric:tabular-nums}"
             ".key{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em}")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>postlint audit summary</title>"
            f"<style>{style}</style></head><body><h1>postlint audit summary</h1>"
            f"<p>{posts:,} posts audited, {report['posts_with_findings']:,} with findings "
            f"({_share(report['posts_with_findings'], posts)}), {report['findings']:,} "
            f"findings, {report['problems']:,} records not checked.</p>"
            + "".join(sections) + "</body></html>\n")
