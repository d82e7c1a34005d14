from django.shortcuts import render

from core.accounts.roles import Role, role_required


@role_required(Role.CORPUS_ADMIN)
def corpus_list(request):
    return render(request, "corpora/list.html")
