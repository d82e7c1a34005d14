from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def ask(request):
    return render(request, "reasoning/ask.html")
