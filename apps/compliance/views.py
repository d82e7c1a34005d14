"""The app's home page: start a check on uploaded drawings, and list the user's checks."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.compliance.errors import DrawingError
from apps.compliance.forms import CheckForm
from apps.compliance.models import Check
from apps.compliance.reading_messages import reading_words
from apps.compliance.services import create_check
from apps.compliance.sniff import check_size
from core.accounts import Role, role_required


@role_required(Role.ENGINEER)
def home(request):
    form = CheckForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            for f in form.cleaned_data["files"]:
                # Refuse oversized files before reading them into memory.
                check_size(f.size, f.name)
            files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
            check = create_check(
                request.user,
                title=form.cleaned_data["title"],
                pack=form.cleaned_data["pack"],
                files=files,
                parameters=form.parameters(),
                occupant_load=form.cleaned_data.get("occupant_load"),
            )
        except DrawingError as exc:
            form.add_error("files", reading_words(str(exc)))
        except Exception as exc:  # rate limit and the like carry a message for the user
            message = getattr(exc, "message", None)
            if message is None:
                raise
            form.add_error(None, message)
        else:
            messages.success(request, _("Check started; findings appear below as they are ready."))
            return redirect("compliance:check", pk=check.pk)
    checks = Check.objects.filter(user=request.user)[:20]
    return render(request, "compliance/home.html", {"form": form, "checks": checks})
