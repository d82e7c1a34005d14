"""Model output as HTML that is safe to mark_safe: Markdown rendered with raw
HTML disabled, then sanitized with nh3 (allow-list of tags, attributes and URL
schemes), so scripts, event handlers and javascript: links never survive."""

from __future__ import annotations

import re
import secrets

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "span",
}
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
_CITATION = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
# An emphasised phrase (its text has a space) glued to the word before or after it,
# as some HTML-to-Markdown converters write "<em>a b</em> or <em>c d</em>":
# "*a b*or*c d*". CommonMark would read "or" as emphasis too and the words run
# together. A span without a space ("2*X*", "30*m*") is a variable: left alone.
_STAR_SPAN = re.compile(r"(\*{1,3})([^\s*][^*\n]*?)(?<=[^\s*])\1(?!\*)")
_CODE = re.compile(r"(`+)[\s\S]*?\1")
_ESCAPED = re.compile(r"([\\`*_\[\]~])")


def spaced_emphasis(text: str) -> str:
    """``text`` with a space between an emphasised phrase and a word glued to it
    (outside code)."""

    def space(match: re.Match, segment: str) -> str:
        span = match.group(0)
        if " " not in match.group(2):
            return span
        before = segment[match.start() - 1 : match.start()]
        after = segment[match.end() : match.end() + 1]
        return f"{' ' if before.isalnum() else ''}{span}{' ' if after.isalnum() else ''}"

    pieces, last = [], 0
    for code in _CODE.finditer(text):
        segment = text[last : code.start()]
        pieces += [_STAR_SPAN.sub(lambda m, s=segment: space(m, s), segment), code.group(0)]
        last = code.end()
    segment = text[last:]
    pieces.append(_STAR_SPAN.sub(lambda m: space(m, segment), segment))
    return "".join(pieces)


def escape_markdown(text: str) -> str:
    """``text`` (a name, an identifier: "Level__01", "__init__") as Markdown that
    shows it as it is: every character Markdown could read as markup escaped."""
    return _ESCAPED.sub(r"\\\1", text)


def _sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(
    text: str, *, citation_count: int | None = None, anchor_prefix: str = "source-"
) -> str:
    """Sanitized HTML for untrusted Markdown. With ``citation_count``, each ``[n]``
    becomes a link to ``#source-n`` (``anchor_prefix`` + n) when 1 <= n <= citation_count,
    and is marked
    as an invalid citation otherwise."""
    if not text:
        return ""
    text = spaced_emphasis(text)
    if citation_count is None:
        return _sanitize(_md.render(text))
    # Citations become placeholders that Markdown and nh3 leave alone; the nonce
    # keeps model text from forging one.
    nonce = secrets.token_hex(6)
    found: list[list[int]] = []

    def hold(match: re.Match) -> str:
        found.append([int(n) for n in re.findall(r"\d+", match.group(1))])
        return f"CITE{nonce}X{len(found) - 1}X"

    html = _sanitize(_md.render(_CITATION.sub(hold, text)))

    def link(match: re.Match) -> str:
        numbers = found[int(match.group(1))]
        return "".join(_citation_html(n, citation_count, anchor_prefix) for n in numbers)

    return re.sub(f"CITE{nonce}X(\\d+)X", link, html)


def _citation_html(number: int, count: int, prefix: str) -> str:
    if 1 <= number <= count:
        return f'<a class="cite" href="#{prefix}{number}">[{number}]</a>'
    return (
        f'<span class="cite cite-invalid" title="No source number {number} was given to the '
        f'model">[{number}?]</span>'
    )


def find_citations(text: str) -> list[int]:
    """Every source number cited as ``[n]`` or ``[n, m]``, in order of first use."""
    seen: list[int] = []
    for match in _CITATION.finditer(text or ""):
        for number in (int(n) for n in re.findall(r"\d+", match.group(1))):
            if number not in seen:
                seen.append(number)
    return seen
