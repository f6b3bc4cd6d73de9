"""Excerpts of a result's text with the searched words marked, built and escaped here.

The database stems ("spildevandet" finds "spildevand"); the excerpt marks the words that
begin like a searched word without its last letters, which marks the same forms for Danish and
English endings without a stemmer of our own.
"""

import re

from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString

WORD = re.compile(r"\w+")
LENGTH = 220  # characters of text around the first match


def stem(word):
    word = word.lower()
    if len(word) <= 4:
        return word
    return word[: max(4, len(word) - 3)]


def plain(text):
    return " ".join(strip_tags(str(text or "")).split())


def excerpt(text, words, length=LENGTH):
    """Up to `length` characters of `text` (plain text or HTML) around the first searched word,
    every searched word in it marked with <mark>: safe HTML, the text itself escaped."""
    text = plain(text)
    if not text:
        return SafeString("")
    stems = tuple({stem(word) for word in words})
    matches = [m for m in WORD.finditer(text) if m.group().lower().startswith(stems)]
    start = 0
    if matches and matches[0].start() > length // 3:
        # Begin at a word boundary a little before the first match.
        start = text.rfind(" ", 0, matches[0].start() - length // 3) + 1
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    parts = ["…" if start > 0 else ""]
    position = start
    for match in matches:
        if match.start() < start:
            continue
        if match.end() > end:
            break
        parts.append(escape(text[position : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group()))
        position = match.end()
    parts.append(escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    # Every part was escaped above (or is our own ellipsis / <mark>): safe to join.
    return SafeString("".join(parts))


def highlight(text, words):
    """The whole of a short text (a title) with the searched words marked, escaped."""
    return excerpt(text, words, length=max(len(plain(text)), 1))
