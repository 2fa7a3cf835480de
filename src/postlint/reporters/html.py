"""``--format html``: one self-contained, accessible report for the people who review posts.

A summary table (findings by category and severity) opens the page, then every post with
findings: its text with each span of each finding highlighted (background by category,
underline by severity), the reason shown on hover and on keyboard focus, and the list of
its findings. Filters by category and severity (checkboxes, announced through a live
region) hide what is not wanted. The file has no external asset: its style and script are
inline and allowed by hash in its Content-Security-Policy, which forbids everything else,
so opening it never touches the network. Without script the page shows everything.

Sensitive matches are masked in the post text too (the mask keeps the length, so the
highlights stay in place). Posts are spooled, so the summary can come first.
"""

from __future__ import annotations

import base64
import hashlib
import html

from .. import __version__
from ..finding import Finding
from ..sources import InputProblem
from ..vocabulary import CATEGORIES, SEVERITIES, SEVERITY_RANK
from .base import FileResult, Reporter, Summary, other_places
from .spool import Spool
from .textsafe import visible_controls, xml_text

STYLE = """
:root { color-scheme: light; --fg: #1b1b1b; --muted: #464646; --line: #b9b9b9; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: #fff; margin: 0 auto; max-width: 62rem;
  padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
:focus-visible { outline: 3px solid #1747c2; outline-offset: 2px; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .7rem; text-align: right; }
th[scope=row], thead th:first-child { text-align: left; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
fieldset { display: inline-block; vertical-align: top; border: 1px solid var(--line);
  margin: 0 1rem .5rem 0; padding: .25rem .8rem .5rem; }
legend { font-weight: 600; padding: 0 .25rem; }
label { display: inline-block; margin: .15rem .9rem .15rem 0; white-space: nowrap; }
input[type=checkbox] { width: 1.1rem; height: 1.1rem; vertical-align: -.2rem; }
button { font: inherit; padding: .2rem .8rem; }
.legend-list { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
article.post { border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem;
  margin: 1rem 0; }
article.post h3 { font-size: 1rem; margin: 0 0 .5rem; overflow-wrap: anywhere;
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05rem; margin: 0 0 .75rem;
  background: #f7f7f7; border-left: 4px solid var(--line); padding: .5rem .75rem; }
mark { color: #111; padding: 0 .05em; border-bottom: 3px solid; position: relative;
  cursor: help; }
.cat-controversy { background: #fbd3df; }
.cat-oversharing { background: #e2d5fb; }
.cat-negativity { background: #fce5b0; }
.cat-style { background: #c9ede3; }
mark.sev-error { border-bottom: 3px solid #a4161a; }
mark.sev-warning { border-bottom: 3px dashed #8a4b00; }
mark.sev-info { border-bottom: 3px dotted #1f4e8c; }
mark.off { background: none; border-bottom: 0; cursor: auto; }
.tip { display: none; position: absolute; left: 0; top: calc(100% + 6px); z-index: 10;
  width: max-content; max-width: min(28rem, 80vw); white-space: normal; background: #1b1b1b;
  color: #fff; padding: .5rem .65rem; border-radius: .35rem; font-size: .9rem;
  line-height: 1.4; box-shadow: 0 2px 8px rgba(0, 0, 0, .35); }
.tip-line { display: block; }
.tip-line + .tip-line { margin-top: .4rem; padding-top: .4rem; border-top: 1px solid #777; }
mark:not(.off):hover > .tip, mark:not(.off):focus > .tip { display: block; }
body.tips-hidden .tip { display: none !important; }
.badge { display: inline-block; font-size: .8rem; font-weight: 700; padding: 0 .4rem;
  border-radius: .25rem; color: #fff; }
.badge.sev-error { background: #a4161a; }
.badge.sev-warning { background: #8a4b00; }
.badge.sev-info { background: #1f4e8c; }
.swatch { display: inline-block; width: 1.6rem; height: 1rem; vertical-align: -.15rem;
  border: 1px solid #666; margin-right: .3rem; }
.findings { padding-left: 1.4rem; }
.findings li { margin: .4rem 0; }
.findings p { margin: .1rem 0 0; color: var(--muted); }
.findings code { overflow-wrap: anywhere; }
footer { margin-top: 2rem; color: var(--muted); font-size: .9rem; }
[hidden] { display: none !important; }
"""

SCRIPT = """
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var status = document.getElementById("shown");
  var all = function (selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  };
  var findings = all("li.finding");
  var marks = all("mark[data-findings]");
  var posts = all("article.post");
  var rank = { error: 3, warning: 2, info: 1 };
  function wanted(name) {
    var on = {};
    all('input[name="' + name + '"]', form).forEach(function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }
  function apply() {
    var categories = wanted("category"), severities = wanted("severity");
    var visible = {}, shown = 0, postsShown = 0;
    findings.forEach(function (item) {
      var on = categories[item.dataset.category] && severities[item.dataset.severity];
      item.hidden = !on;
      if (on) { visible[item.id] = item; shown += 1; }
    });
    marks.forEach(function (mark) {
      var best = null;
      mark.dataset.findings.split(" ").forEach(function (id) {
        var item = visible[id];
        if (item && (!best || rank[item.dataset.severity] > rank[best.dataset.severity])) {
          best = item;
        }
      });
      all(".tip-line", mark).forEach(function (line) {
        line.hidden = !visible[line.dataset.finding];
      });
      if (best) {
        mark.className = "sev-" + best.dataset.severity + " cat-" + best.dataset.category;
        mark.tabIndex = 0;
        mark.setAttribute("aria-describedby", mark.dataset.tip);
      } else {
        mark.className = "off";
        mark.removeAttribute("tabindex");
        mark.removeAttribute("aria-describedby");
      }
    });
    posts.forEach(function (post) {
      var any = post.querySelector("li.finding:not([hidden])") !== null;
      post.hidden = !any;
      if (any) { postsShown += 1; }
    });
    status.textContent = "Showing " + shown + " of " + findings.length + " findings in " +
      postsShown + " of " + posts.length + " posts.";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("show-all").addEventListener("click", function () {
    all("input[type=checkbox]", form).forEach(function (box) { box.checked = true; });
    apply();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { document.body.classList.add("tips-hidden"); }
  });
  var showTips = function () { document.body.classList.remove("tips-hidden"); };
  document.addEventListener("focusin", showTips);
  document.addEventListener("pointerover", showTips);
  form.hidden = false;
  apply();
})();
"""

CATEGORY_MEANING = {
    "controversy": "politics, religion, hot-button topics, profanity, attacks",
    "oversharing": "personal data, private life, confidential information, credentials",
    "negativity": "negative tone, complaints, shouting",
    "style": "length and readability",
}


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = ("default-src 'none'; "
       f"style-src {_csp_hash(STYLE)}; script-src {_csp_hash(SCRIPT)}; "
       "img-src data:; base-uri 'none'; form-action 'none'")


class HtmlReporter(Reporter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.posts = Spool()
        self.problems: list[InputProblem] = []
        self.count = 0

    def result(self, result: FileResult) -> None:
        if not result.findings:
            return
        self.count += 1
        post_id = f"p{self.count}"
        title = f"{result.path}:{result.post_line()}"
        out = [f'<article class="post" id="{post_id}" aria-labelledby="{post_id}-h">\n'
               f'<h3 id="{post_id}-h">{_e(title)}</h3>\n',
               '<div class="text">',
               self._text(result, post_id), "</div>\n",
               f'<ol class="findings" aria-label="Findings in {_e(title)}">\n']
        for n, f in enumerate(result.findings, start=1):
            out.append(self._finding(result, f, f"{post_id}-f{n}"))
        out.append("</ol>\n</article>\n")
        self.posts.write(_ascii("".join(out)))

    def _text(self, result: FileResult, post_id: str) -> str:
        """The post's text, masked where it must be, with one ``mark`` per covered piece."""
        text = result.post.text
        shown = _display_chars(text)
        starts: dict[int, list[int]] = {}  # offset -> findings whose span starts there
        ends: dict[int, list[int]] = {}
        for n, f in enumerate(result.findings, start=1):
            for span in f.spans:
                start, end = max(0, span.start), min(len(text), span.end)
                if start >= end:
                    continue
                starts.setdefault(start, []).append(n)
                ends.setdefault(end, []).append(n)
                if f.sensitive and not self.show_matches:
                    masked = span.masked_match
                    if len(masked) != end - start:  # keep the length, or highlights move
                        masked = "\u2022" * (end - start)
                    shown[start:end] = _display_chars(masked)
        bounds = sorted({0, len(text), *starts, *ends})
        active: dict[int, int] = {}  # finding -> how many of its spans cover this piece
        out = []
        marks = 0
        for start, end in zip(bounds, bounds[1:], strict=False):
            for n in ends.get(start, ()):
                active[n] -= 1
                if not active[n]:
                    del active[n]
            for n in starts.get(start, ()):
                active[n] = active.get(n, 0) + 1
            piece = _e("".join(shown[start:end]))
            if not active:
                out.append(piece)
                continue
            marks += 1
            out.append(self._mark(result, f"{post_id}-m{marks}", post_id, sorted(active), piece))
        return "".join(out)

    def _mark(self, result: FileResult, mark_id: str, post_id: str, numbers: list[int],
              piece: str) -> str:
        """A highlighted piece: classes of its most severe finding, every reason in its tip."""
        best = max((result.findings[n - 1] for n in numbers), key=lambda f: f.rank)
        ids = " ".join(f"{post_id}-f{n}" for n in numbers)
        tip_lines = " ".join(  # the space parts the reasons in the accessible description
            f'<span class="tip-line" data-finding="{post_id}-f{n}">'
            f"{_e(self._reason(result, result.findings[n - 1]))}</span>" for n in numbers)
        return (f'<mark id="{mark_id}" class="sev-{best.severity} cat-{_e(best.category)}" '
                f'tabindex="0" data-findings="{ids}" data-tip="{mark_id}-tip" '
                f'aria-describedby="{mark_id}-tip">{piece}'
                f'<span class="tip" role="tooltip" id="{mark_id}-tip">{tip_lines}</span></mark>')

    def _reason(self, result: FileResult, f: Finding) -> str:
        return (f"{f.severity.capitalize()}, {f.category}: {self.message(result, f)}"
                f" Why: {' '.join(f.why.split())}")

    def _finding(self, result: FileResult, f: Finding, finding_id: str) -> str:
        where = result.location(f)
        parts = [f'<li class="finding" id="{finding_id}" data-category="{_e(f.category)}" '
                 f'data-severity="{f.severity}">',
                 f'<span class="badge sev-{f.severity}">{f.severity}</span> ',
                 f"{_e(f.category)}, <code>{_e(f.rule)}</code>, "
                 f"line {where.line}, column {where.column}{_e(other_places(result, f))}: ",
                 f'<span class="message">{_e(self.message(result, f))}</span>',
                 f"<p>Why: {_e(f.why)}</p>"]
        if f.suggestion:
            parts.append(f"<p>Instead: {_e(f.suggestion)}</p>")
        parts.append("</li>\n")
        return "".join(parts)

    def problem(self, problem: InputProblem) -> None:
        self.problems.append(problem)

    def finish(self, summary: Summary) -> None:
        w = self.stream.write
        w(_ascii(self._head(summary)))
        w(_ascii(self._summary(summary)))
        w(_ascii(self._filters(summary)))
        w('<section id="posts" aria-labelledby="posts-h">\n'
          '<h2 id="posts-h">Posts with findings</h2>\n')
        if self.count == 0:
            w("<p>No post has findings.</p>\n")
        self.posts.copy_to(self.stream)
        clean = summary.posts - summary.posts_with_findings
        if clean:
            w(f"<p>{clean} post{'s' * (clean != 1)} without findings "
              f"{'are' if clean != 1 else 'is'} not shown.</p>\n")
        masked = ("Personal data and secrets are shown in full (--show-matches)."
                  if self.show_matches else
                  "Personal data and secrets are masked; postlint --show-matches shows them.")
        w(f"</section>\n</main>\n<footer><p>Made by postlint {_e(__version__)}. {masked}"
          f"</p></footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")

    def _head(self, summary: Summary) -> str:
        return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>postlint report: {_e(summary.headline())}</title>\n"
                f"<style>{STYLE}</style>\n</head>\n<body>\n"
                '<a class="skip" href="#posts">Skip to the posts</a>\n'
                "<header><h1>postlint report</h1></header>\n<main>\n")

    def _summary(self, summary: Summary) -> str:
        out = ['<section aria-labelledby="summary-h">\n<h2 id="summary-h">Summary</h2>\n',
               f'<p id="headline">{_e(summary.headline())}</p>\n',
               "<table>\n<caption>Findings by category and severity</caption>\n<thead><tr>"
               '<th scope="col">Category</th>',
               *(f'<th scope="col">{sev.capitalize()}</th>' for sev in SEVERITIES),
               '<th scope="col">Total</th></tr></thead>\n<tbody>\n']
        for category, counts in summary.by_category.items():
            cells = "".join(f"<td>{counts.get(sev, 0)}</td>" for sev in SEVERITIES)
            out.append(f'<tr><th scope="row">{_e(category)}</th>{cells}'
                       f"<td>{sum(counts.values())}</td></tr>\n")
        totals = "".join(f"<td>{summary.by_severity.get(sev, 0)}</td>" for sev in SEVERITIES)
        out.append(f'</tbody>\n<tfoot><tr><th scope="row">All</th>{totals}'
                   f"<td>{summary.findings}</td></tr></tfoot>\n</table>\n")
        out.append('<h3>How findings are marked</h3>\n<ul class="legend-list">\n')
        for category in CATEGORIES:
            out.append(f'<li><span class="swatch cat-{category}" aria-hidden="true"></span>'
                       f"{category} ({CATEGORY_MEANING.get(category, '')})</li>\n")
        out.append("</ul>\n<p>Underline: solid for errors, dashed for warnings, dotted for "
                   "information. Hover over or tab to a highlighted passage for the reason; "
                   "Escape hides it.</p>\n")
        if self.problems:
            out.append("<h3>Inputs not checked</h3>\n<ul>\n")
            for problem in self.problems:
                label = "skipped" if problem.skipped else "not checked"
                out.append(f"<li><code>{_e(problem.path)}</code> ({label}): "
                           f"{_e(problem.message)}</li>\n")
            out.append("</ul>\n")
        out.append("</section>\n")
        return "".join(out)

    def _filters(self, summary: Summary) -> str:
        out = ['<section aria-labelledby="filters-h">\n<h2 id="filters-h">Filters</h2>\n'
               '<form id="filters" hidden>\n<fieldset><legend>Category</legend>\n']
        for category, counts in summary.by_category.items():
            out.append(f'<label><input type="checkbox" name="category" value="{_e(category)}" '
                       f"checked> {_e(category)} ({sum(counts.values())})</label>\n")
        out.append("</fieldset>\n<fieldset><legend>Severity</legend>\n")
        for severity in sorted(SEVERITIES, key=SEVERITY_RANK.get, reverse=True):
            out.append(f'<label><input type="checkbox" name="severity" value="{severity}" '
                       f"checked> {severity} ({summary.by_severity.get(severity, 0)})</label>\n")
        out.append('</fieldset>\n<p><button type="button" id="show-all">Show all</button></p>\n'
                   '</form>\n<p id="shown" role="status" aria-live="polite">'
                   f"Showing {summary.findings} of {summary.findings} findings in "
                   f"{self.count} of {self.count} posts.</p>\n</section>\n")
        return "".join(out)


def _display_chars(text: str) -> list[str]:
    """One display string per code point, so offsets still index it: a CRLF's CR becomes
    nothing and a lone CR a LF (HTML would fold them so anyway), controls become pictures."""
    chars = list(xml_text(visible_controls(text)))
    for i, ch in enumerate(chars):
        if ch == "\r":
            chars[i] = "" if i + 1 < len(chars) and chars[i + 1] == "\n" else "\n"
    return chars


def _e(text: str) -> str:
    """Escaped for HTML text and attributes, with no character HTML or XML would reject."""
    return html.escape(xml_text(visible_controls(text)), quote=True)


def _ascii(markup: str) -> str:
    """Non-ASCII as character references: the file reads right whatever the stream's encoding."""
    return markup.encode("ascii", "xmlcharrefreplace").decode("ascii")
