"""Hostile text as model output and document text would carry it, and objects
full of it. Every payload calls alert(): a browser test fails on any dialog."""

from __future__ import annotations

PAYLOADS = [
    '<script>alert("p1")</script>',
    '<img src=x onerror=alert("p2")>',
    '[click me](javascript:alert("p3"))',
    '<a href="javascript:alert(4)">p4</a>',
    "<svg onload=alert(5)><circle r=1 /></svg>",
    '<iframe src="javascript:alert(6)"></iframe>',
    '"><script>alert(7)</script><"',
    '<div style="background:url(javascript:alert(8))">p8</div>',
    "[p9](JaVaScRiPt:alert(9))",
    "![p10](javascript:alert(10))",
    '<a href="jav&#x09;ascript:alert(11)">p11</a>',
    '<math><mi xlink:href="javascript:alert(12)">p12</mi></math>',
    '<form action="javascript:alert(13)"><button>p13</button></form>',
    '<object data="data:text/html,<script>alert(14)</script>"></object>',
    "<details open ontoggle=alert(15)>p15</details>",
    "`</code><script>alert(16)</script>`",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxNyk8L3NjcmlwdD4=">p17</a>',
    "[p18](<javascript:alert(18)>)",
    '<p hx-get="/logout" hx-trigger="load">p19</p>',
    "{{ 7|add:7 }} {% csrf_token %} p20",
]
HOSTILE = "\n\n".join(PAYLOADS)
HOSTILE_URL = "javascript:alert(99)"
# Visible words from the payloads: the page must show the text, only inert.
MARKERS = ["p4", "p13", "p20"]


def make_hostile_run(user):
    """A finished run whose every field and step holds hostile text."""
    from core.runs.models import Run, RunStep

    run = Run.objects.create(
        user=user,
        kind="core.ask",
        status=Run.Status.FAILED,
        progress=1.0,
        inputs={"question": HOSTILE, "language": "en", "corpora": []},
        message=PAYLOADS[1][:500],
        error=HOSTILE,
        model_name=PAYLOADS[0][:200],
        result={"answer": HOSTILE},
    )
    passage = {
        "n": 1,
        "document_title": PAYLOADS[1],
        "heading": PAYLOADS[0],
        "page": 1,
        "text": HOSTILE,
        "source_url": HOSTILE_URL,
        "corpus_slug": PAYLOADS[4],
        "licence": PAYLOADS[3],
    }
    steps = [
        (
            "retrieval",
            {
                "query": HOSTILE,
                "hits": [
                    {
                        "document_title": PAYLOADS[1],
                        "heading": PAYLOADS[0],
                        "snippet": HOSTILE,
                        "corpus_slug": "x",
                        "page": 1,
                        "scores": {"dense": 0.5},
                    }
                ],
            },
        ),
        ("sources", {"passages": [passage]}),
        ("prompt", {"tokens": 10, "sources": 1}),
        ("reasoning", {"language_label": PAYLOADS[0]}),
        ("answer", {}),
        ("citations", {"invalid": [], "uncited": []}),
        ("computation", {PAYLOADS[0]: HOSTILE, "nested": {"html": HOSTILE}, "error": PAYLOADS[2]}),
    ]
    for ordinal, (kind, data) in enumerate(steps, start=1):
        RunStep.objects.create(
            run=run,
            ordinal=ordinal,
            kind=kind,
            title=PAYLOADS[ordinal],
            status=RunStep.Status.SUCCEEDED,
            data=data,
            text=HOSTILE,
        )
    return run
