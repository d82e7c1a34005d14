"""Model output rendered as Markdown stays inert, whatever it contains."""

from html.parser import HTMLParser

import pytest

from core.text.markdown import find_citations, render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    '<div onclick="alert(1)">hi</div>',
    '<iframe src="https://example.com"></iframe>',
    "<svg><script>alert(1)</script></svg>",
    "[a]: javascript:alert(1)\n\n[a]",
    "![x](javascript:alert(1))",
    "<style>body{display:none}</style>",
]


class Elements(HTMLParser):
    """Every element and attribute the browser would build from the HTML."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("attack", ATTACKS)
def test_scripts_handlers_and_javascript_links_never_survive(attack):
    for html in (render_markdown(attack), render_markdown(attack, citation_count=2)):
        for tag, attrs in Elements(html).found:
            assert tag not in {"script", "img", "iframe", "svg", "style", "object", "embed"}, html
            assert not any(name.startswith("on") for name in attrs), html
            for name in ("href", "src"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), html


def test_ordinary_markdown_keeps_its_structure():
    html = render_markdown(
        "# Title\n\n- **bold** item\n- [site](https://example.org)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html and "<table>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_citations_link_to_their_sources_and_invalid_ones_are_marked():
    html = render_markdown("Prices rose [1], then fell [2, 5].", citation_count=2)
    assert '<a class="cite" href="#source-1">[1]</a>' in html
    assert '<a class="cite" href="#source-2">[2]</a>' in html
    assert "cite-invalid" in html and "[5?]" in html


def test_model_text_cannot_forge_a_citation_placeholder():
    html = render_markdown("CITEabcX0X and [1]", citation_count=1)
    assert "CITEabcX0X" in html and html.count('class="cite"') == 1


def test_citations_are_found_in_order_of_first_use():
    assert find_citations("a [2] b [1][2] c [3, 1]") == [2, 1, 3]


def test_an_emphasised_phrase_glued_to_a_word_keeps_its_spaces():
    text = "Wave velocity is also called the *propagation velocity*or*propagation speed* [1]."
    html = render_markdown(text, citation_count=1)
    assert "<em>propagation velocity</em> or <em>propagation speed</em> <a" in html
    assert "velocityor" not in html and "<em>or</em>" not in html


def test_emphasis_that_is_no_phrase_and_code_are_left_alone():
    assert render_markdown("a mass 30*m* moving 2*X*") == (
        "<p>a mass 30<em>m</em> moving 2<em>X</em></p>\n"
    )
    assert "<code>*a b*c</code>" in render_markdown("run `*a b*c` now")
    assert "<p><em>a b</em> and <strong>c d</strong>.</p>" in render_markdown("*a b* and **c d**.")


def test_identifiers_escaped_for_markdown_are_shown_as_they_are():
    from core.text.markdown import escape_markdown

    for name in ("Level__01", "__init__", "*star*", "a_b_c", "[1]"):
        html = render_markdown(f"storey {escape_markdown(name)} here")
        assert html == f"<p>storey {name} here</p>\n", name
