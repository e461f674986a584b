"""What the customer wrote in an email: the new text, without the quoted thread or signature.

Mail clients quote the conversation in the reply; the AI must answer only what is new.
Quoted lines (">") and their attribution ("On <date>, <name> wrote:", also when wrapped onto
two lines) are dropped wherever they are, so top-, bottom- and inline-posted replies all
work; Outlook quotes without ">", so its "-----Original Message-----" or From:/Sent: header
block ends the message, as does a signature ("-- ", "Sent from my iPhone").
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_ATTRIBUTION = re.compile(r"^\s*On\s.+\swrote:\s*$", re.I | re.S)
_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|_{10,})\s*$", re.I
)
_OUTLOOK_FROM = re.compile(r"^\s*\**From:\**\s", re.I)
_OUTLOOK_NEXT = re.compile(r"^\s*\**(?:Sent|Date|To|Subject):\**\s", re.I)
_MOBILE = re.compile(r"^\s*(?:Sent from my \w+|Get Outlook for \w+)", re.I)
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]*\]|(?:re|fwd?|aw|sv|antw)\s*(?:\[\d+\])?\s*:)\s*", re.I
)


def reply_text(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        if _ends_message(lines, i):
            break
        if not _quoted(line) and not _attribution(lines, i):
            kept.append(line)
    return _tidy(kept)


def _quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _ends_message(lines: list[str], i: int) -> bool:
    """A signature, or the start of a quote that does not mark its lines with ">"."""
    line = lines[i]
    if line.rstrip() == "--" or _MOBILE.match(line) or _SEPARATOR.match(line):
        return True
    return bool(_OUTLOOK_FROM.match(line)) and any(
        _OUTLOOK_NEXT.match(after) for after in lines[i + 1 : i + 4]
    )


def _attribution(lines: list[str], i: int) -> bool:
    """This line is (part of) "On ... wrote:", on one line or wrapped onto two."""
    if _ATTRIBUTION.match(lines[i]):
        return True
    pairs = [(i, i + 1), (i - 1, i)]
    return any(
        a >= 0
        and b < len(lines)
        and lines[a].lstrip().lower().startswith("on ")
        and bool(_ATTRIBUTION.match(f"{lines[a]} {lines[b]}"))
        for a, b in pairs
    )


def _tidy(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def normalise_subject(subject: str) -> str:
    """The subject without Re:/Fwd: prefixes and [tags], whitespace collapsed."""
    previous = None
    while previous != subject:
        previous, subject = subject, _SUBJECT_PREFIX.sub("", subject, count=1)
    return " ".join(subject.split())


class _HtmlText(HTMLParser):
    """Visible text of an HTML body, leaving out quoted history, styles and scripts."""

    _BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table", "ul", "ol"}
    _VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base"}
    _HIDDEN = {"blockquote", "style", "script", "head", "title"}
    _QUOTE_MARKS = ("gmail_quote", "divrplyfwdmsg", "appendonsend", "moz-cite-prefix")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden_depth:
            self._hidden_depth += tag not in self._VOID
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        if tag in self._HIDDEN or any(m in marks for m in self._QUOTE_MARKS):
            self._hidden_depth = 0 if tag in self._VOID else 1
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_depth:
            self._hidden_depth -= 1
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.chunks.append(data)


def html_to_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = "".join(parser.chunks).split("\n")
    return _tidy([" ".join(line.split()) for line in lines])
