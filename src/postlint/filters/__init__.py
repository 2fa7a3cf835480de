"""The filters stage, between the linter and the reporters.

For each post, in this order: ``select``/``ignore``, severity overrides (``off`` drops),
the allow-list, inline suppressions, the baseline; then postlint's own findings about the
directives; the fail gate (:mod:`.gate`) judges what is left. Everything that decides
whether a finding is reported, and whether it fails, happens here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..config.discover import display_path
from ..config.settings import Settings
from ..finding import Finding, Span, sort_key
from ..reporters import FileResult
from ..sources import InputPost
from .allow import allow_list
from .baseline import Baseline, load_baseline
from .meta import META_RULES, Note, meta_finding
from .suppressions import parse_suppressions

__all__ = ["Filtered", "Filters"]


@dataclass
class Filtered:
    """What the filters kept of one post's findings, and what they removed."""

    findings: list[Finding]
    suppressed: int = 0  # findings every span of which a directive suppressed
    baselined: int = 0  # findings every span of which the baseline accepts


class Filters:
    """Applies settings to findings; baselines are read once per file."""

    def __init__(self, baseline: str | None = None, use_baseline: bool = True):
        self.fixed_baseline = baseline
        self.use_baseline = use_baseline
        self._baselines: dict[str, Baseline] = {}

    def baseline_for(self, settings: Settings) -> Baseline | None:
        if not self.use_baseline:
            return None
        file = self.fixed_baseline or (settings.baseline.value if settings.baseline else None)
        if file is None:
            return None
        if file not in self._baselines:
            self._baselines[file] = load_baseline(file, display_path(file))
        return self._baselines[file]

    def apply(self, post: InputPost, findings: list[Finding], settings: Settings,
              rule_ids: Callable[[], Iterable[str]],
              notes: dict[str, list[Note]] | None = None) -> Filtered:
        """The findings of ``post`` that its settings report.

        ``rule_ids()`` gives the rules directives may name (asked only when the post has
        directives); ``notes`` adds findings about the post's directives found elsewhere
        (an unknown front matter profile).
        """
        out = Filtered([])
        where = FileResult(post, [])
        kept: list[Finding] = []
        for f in findings:
            if not settings.is_selected(f.rule, f.category, f.tags):
                continue
            override = settings.severity_for(f.rule, f.category, f.tags)
            if override is not None:
                if override.value == "off":
                    continue
                if override.value != f.severity:
                    f = replace(f, severity=override.value)
            kept.append(f)

        allowed = allow_list(settings.allow)
        if allowed and kept:
            occurrences = allowed.occurrences(post.text)
            kept = [g for g in (_keep_spans(f, lambda s: not allowed.allows(s, occurrences))
                                for f in kept) if g is not None]

        suppressions = parse_suppressions(post, lambda: (*rule_ids(), *META_RULES))
        if suppressions.regions:
            survivors = []
            for f in kept:
                g = _keep_spans(f, lambda s, f=f: not suppressions.suppresses(
                    where.location(s).line, f.rule, f.category, f.tags))
                if g is None:
                    out.suppressed += 1
                else:
                    survivors.append(g)
            kept = survivors

        baseline = self.baseline_for(settings)
        if baseline is not None and kept:
            survivors = []
            for f in kept:
                g = _keep_spans(f, lambda s, f=f: not baseline.accepts(post.path, post.text,
                                                                       f, s))
                if g is None:
                    out.baselined += 1
                else:
                    survivors.append(g)
            kept = survivors

        meta = suppressions.finish(settings.report_unused, settings.require_reason)
        for rule, extra in (notes or {}).items():
            meta.setdefault(rule, []).extend(extra)
        for rule, found in sorted(meta.items()):
            f = meta_finding(rule, post, found)
            if any(e.selector.matches(f.rule, f.category, f.tags) for e in settings.ignore):
                continue
            override = settings.severity_for(f.rule, f.category, f.tags)
            if override is not None:
                if override.value == "off":
                    continue
                f = replace(f, severity=override.value)
            kept.append(f)
        kept.sort(key=sort_key)
        out.findings = kept
        return out


def _keep_spans(finding: Finding, keep) -> Finding | None:
    """The finding with only the spans ``keep`` accepts; None when none is left."""
    spans = finding.spans
    kept = [s for s in spans if keep(s)]
    if len(kept) == len(spans):
        return finding
    if not kept:
        return None
    first = kept[0]
    if first == spans[0]:
        return replace(finding, related=tuple(kept[1:]))
    return _with_primary(finding, first, tuple(kept[1:]))


def _with_primary(finding: Finding, span: Span, related: tuple[Span, ...]) -> Finding:
    """Move a finding onto another of its spans; its message quotes the new match."""
    old = finding.primary
    message = _requote(finding.message, old.masked_match if finding.sensitive else old.match,
                       span.masked_match if finding.sensitive else span.match)
    unmasked = _requote(finding.message_unmasked, old.match, span.match)
    return replace(finding, start=span.start, end=span.end, line=span.line,
                   column=span.column, end_line=span.end_line, end_column=span.end_column,
                   match=span.match, masked_match=span.masked_match,
                   fingerprint=span.fingerprint, message=message, message_unmasked=unmasked,
                   related=related)


def _requote(message: str, old: str, new: str) -> str:
    def shown(text: str) -> str:  # as the engine quotes a match in a message
        one_line = " ".join(text.split())
        return one_line[:77] + "..." if len(one_line) > 80 else one_line

    before = shown(old)
    return message.replace(before, shown(new), 1) if before and before in message else message
