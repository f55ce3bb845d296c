"""Departures: the dated, priced, seat-counted runs of a route, sold through the shop (tourism.booking)."""

from functools import cache

from django.db import models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.i18n import Localized


@cache
def _seats_on_sale() -> Subquery:
    """Seats on sale of the departure's product: its first stock record, net of allocations.

    Built once (a queryset copies an expression it is given, never changes it): building it took as
    long as running the route page's one query.
    """
    from oscar.core.loading import get_model  # the shop's models load after ours

    StockRecord = get_model("partner", "StockRecord")
    net = Coalesce(F("num_in_stock"), Value(0)) - Coalesce(F("num_allocated"), Value(0))
    return Subquery(StockRecord.objects.filter(product=OuterRef("product")).order_by("pk").annotate(net=net).values("net")[:1])


class DepartureQuerySet(models.QuerySet):
    def with_seats_left(self) -> "DepartureQuerySet":
        """Each departure with its seats on sale, in the same query (no product or stock records loaded)."""
        return self.annotate(seats_net=_seats_on_sale())


class Departure(Localized, models.Model):
    """A dated departure of a route, sold in the shop as a product whose stock is its seats."""

    translated_fields = ("note",)

    route = models.ForeignKey("tourism.RoutePage", on_delete=models.CASCADE, related_name="departures", verbose_name=_("线路"))
    date = models.DateField(_("出发日期"))
    price = models.DecimalField(_("价格（元/人）"), max_digits=10, decimal_places=2)
    seats = models.PositiveIntegerField(_("名额"), default=20)
    note = models.CharField(_("说明"), max_length=120, blank=True)
    note_en = models.CharField(_("英文说明"), max_length=120, blank=True)
    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="departure",
        verbose_name=_("商品"),
    )

    objects = DepartureQuerySet.as_manager()

    panels = [FieldPanel("route"), FieldPanel("date"), FieldPanel("price"), FieldPanel("seats"), FieldPanel("note"), FieldPanel("note_en")]

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("团期")
        verbose_name_plural = _("团期")
        constraints = [models.UniqueConstraint(fields=["route", "date"], name="unique_departure_per_route_date")]

    def __str__(self) -> str:
        return f"{self.route.title} · {self.date:%Y-%m-%d}"

    @property
    def stockrecord(self):
        if self.product is None:
            return None
        records = list(self.product.stockrecords.all())
        return records[0] if records else None

    @property
    def seats_left(self) -> int:
        if hasattr(self, "seats_net"):  # DepartureQuerySet.with_seats_left
            return max(self.seats_net or 0, 0)
        record = self.stockrecord
        return max(record.net_stock_level, 0) if record else 0

    @property
    def is_past(self) -> bool:
        return self.date < timezone.localdate()

    @property
    def is_bookable(self) -> bool:
        return not self.is_past and self.seats_left > 0


# --- group inquiries ------------------------------------------------------------
