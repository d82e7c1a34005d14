from django.shortcuts import render

from core.accounts.roles import Role, role_required


@role_required(Role.ENGINEER)
def home(request):
    return render(request, "compliance/home.html")
