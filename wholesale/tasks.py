"""Background work for wholesale buyers: the invoice email, sent after the order has committed."""

from celery import shared_task


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invoice_email(invoice_id: int) -> None:
    from wholesale.invoicing import send_invoice
    from wholesale.models import Invoice

    invoice = Invoice.objects.select_related("account__user", "order").filter(pk=invoice_id).first()
    if invoice is not None:
        send_invoice(invoice)
