"""A wholesale buyer's business licence, from the private storage: for that buyer and for staff only."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from core.private_files import serve
from wholesale.models import BusinessAccount


@login_required
def licence(request: HttpRequest, pk: int) -> HttpResponse:
    accounts = BusinessAccount.objects.all() if request.user.is_staff else BusinessAccount.objects.filter(user=request.user)
    account = get_object_or_404(accounts, pk=pk)
    return serve(account.licence, download_name=f"licence-{account.pk}")
