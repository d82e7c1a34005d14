from django.shortcuts import render

from core.accounts.roles import Role, role_required


@role_required(Role.FARMER)
def home(request):
    return render(request, "crops/home.html")
