"""A large register import's page: its progress, polled with htmx while it runs, then its result."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..services.imports import register_import_get


@login_required
def import_detail(request, pk):
    job = register_import_get(user=request.user, pk=pk)
    template = "office/_import_status.html" if request.htmx else "office/import_detail.html"
    return render(request, template, {"job": job})
