"""Masking of sensitive matches, so that an output never becomes the leak."""

from __future__ import annotations


def mask(text: str) -> str:
    """Mask personal data or a secret while keeping its shape recognisable.

    ``jo.bloggs@gmail.com`` -> ``j********@g****.com``; ``07700 900123`` -> ``07*** ***123``;
    anything else keeps its first two characters (less for short text).
    """
    if "@" in text and not text.startswith("@"):
        return _mask_email(text)
    digits = sum(ch.isdigit() for ch in text)
    if digits >= 4 and digits * 2 >= sum(not ch.isspace() for ch in text):
        return _mask_digits(text, digits)
    keep = 2 if len(text) > 6 else 1 if len(text) > 2 else 0
    return text[:keep] + "".join(" " if ch.isspace() else "*" for ch in text[keep:])


def _mask_email(text: str) -> str:
    local, _, domain = text.rpartition("@")
    labels = domain.split(".")
    head = [lab[:1] + "*" * (len(lab) - 1) for lab in labels[:-1]] if len(labels) > 1 else []
    tail = labels[-1] if len(labels) > 1 else "*" * len(labels[-1])
    return local[:1] + "*" * (len(local) - 1) + "@" + ".".join([*head, tail])


def _mask_digits(text: str, digits: int) -> str:
    keep_head, keep_tail = (2, 3) if digits >= 9 else (0, 2)
    out, seen = [], 0
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > digits - keep_tail else "*")
        elif ch.isalpha():
            out.append("*")
        else:
            out.append(ch)
    return "".join(out)
