"""Find what a strict Content-Security-Policy would block, or what would run if it
did not: inline scripts, event-handler attributes, inline styles, script URLs."""

from __future__ import annotations

from html.parser import HTMLParser

# Non-executable data blocks (Django's json_script) are not scripts.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_inline_script = False
        self.meta: dict[str, str] = {}
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = [(name.lower(), value or "") for name, value in attrs]
        values = dict(attrs)
        self.elements.append((tag, values))
        if (
            tag == "script"
            and "src" not in values
            and values.get("type", "") not in DATA_SCRIPT_TYPES
        ):
            self._in_inline_script = True
        if tag == "style":
            self.problems.append("inline <style> element")
        if tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}>")
            elif name == "style":
                self.problems.append(f"style= attribute on <{tag}>")
            elif name.startswith("hx-on"):
                self.problems.append(f"htmx inline handler {name}= on <{tag}>")
            if name in URL_ATTRIBUTES:
                cleaned = "".join(value.split()).lower()
                if cleaned.startswith(SCRIPT_SCHEMES):
                    self.problems.append(f"script URL in {name}= on <{tag}>: {value[:60]}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_inline_script:
            self.problems.append("inline <script> element")
            self._in_inline_script = False


def audit_html(html: str) -> tuple[list[str], dict[str, str]]:
    """(problems, meta name -> content) for one HTML document or fragment."""
    parser = parse(html)
    return parser.problems, parser.meta


def parse(html: str) -> _Audit:
    """The audit with every element seen: ``.elements`` is [(tag, attributes)]."""
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives
