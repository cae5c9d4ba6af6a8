"""The documents to-do page: what waits for the signed-in person."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import permissions
from ..selectors import waiting


@login_required
def todo(request):
    return render(
        request,
        "documents/todo.html",
        {
            **waiting(user=request.user),
            "cleared": permissions.has_clearance(request.user),
        },
    )
