from django.shortcuts import render

from core.accounts.roles import Role, role_required


@role_required(Role.TEACHER)
def home(request):
    return render(request, "courseware/home.html")
