from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from core.ask.forms import AskForm
from core.ask.handler import ASK_KIND
from core.corpora.selectors import readable_corpora
from core.runs.models import Run
from core.runs.services import RunRateLimited, start_run


def _corpus_choices(user) -> list[tuple[str, str]]:
    return [(c.slug, c.name) for c in readable_corpora(user).order_by("name")]


@login_required
def ask(request):
    choices = _corpus_choices(request.user)
    if request.method == "POST":
        form = AskForm(request.POST, corpus_choices=choices)
        if form.is_valid():
            inputs = {
                "question": form.cleaned_data["question"],
                "corpora": form.cleaned_data["corpora"],
                "language": form.cleaned_data["language"],
            }
            try:
                run = start_run(request.user, ASK_KIND, inputs)
            except RunRateLimited as exc:
                messages.error(request, exc.message)
            else:
                return redirect("runs:detail", pk=run.pk)
    else:
        form = AskForm(corpus_choices=choices, initial={"language": (get_language() or "en")})
    recent = Run.objects.filter(user=request.user, kind=ASK_KIND).order_by("-created_at")[:5]
    return render(
        request,
        "ask/ask.html",
        {"form": form, "recent": recent, "has_corpora": bool(choices)},
    )
