"""When a public page's content changes, bump the site version (marketplace.pagecache) after commit.

Precise on purpose: a sale that leaves stock above zero changes no cached page, so it bumps
nothing; a price change, stock crossing zero, a page published or unpublished, or an edit of a
product, category, county, cooperative, certificate or tourism snippet does. Certificates start and
expire by the day, which the date in the site version covers without any write.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.site_version import bump_site_version

# Models whose rows appear on public pages (Wagtail pages themselves go by their publish signals).
CONTENT_MODELS = (
    "catalogue.Product",
    "catalogue.ProductImage",
    "catalogue.ProductCategory",
    "catalogue.Category",
    "catalogue.ProductAttributeValue",
    "partner.Partner",
    "regions.County",
    "regions.Prefecture",
    "regions.District",
    "traceability.Certificate",
    "traceability.HarvestBatch",
    "cooperatives.CooperativeProfile",
    "cooperatives.CooperativePhoto",
    "tourism.CountyStory",
    "tourism.Departure",
    "tourism.RouteProduct",
    "tourism.StoryProduct",
    "cms.HomeFeaturedProduct",
    "cms.HomeFeaturedRoute",
    "cms.HomeFeaturedCounty",
    "productreviews.ProductReview",  # reviews, replies and hiding show on product pages
    "productreviews.ReviewPhoto",
    "wagtailcore.Site",  # cms.routing keeps each host's Site and root page
    "wagtailcore.PageViewRestriction",  # and whether a page is restricted
)


def site_changed(**kwargs) -> None:
    """Bump now and again once the change is committed.

    Now: this transaction's own later reads (and tests, which never commit) see fresh summaries.
    After commit: a page another request rendered from the old rows in between is dropped too.
    """
    bump_site_version()
    transaction.on_commit(bump_site_version)


def _content_saved(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        return  # drafts change no public page; page_published does
    site_changed()


def _available(net: int | None) -> bool:
    return (net or 0) > 0


def _stock_state(pk) -> tuple | None:
    """(price, in stock?) as the database has it now."""
    StockRecord = get_model("partner", "StockRecord")
    row = StockRecord.objects.filter(pk=pk).values_list("price", "num_in_stock", "num_allocated").first()
    if row is None:
        return None
    price, in_stock, allocated = row
    return price, _available((in_stock or 0) - (allocated or 0))


def _stockrecord_before(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        instance._pagecache_before = None
        return
    instance._pagecache_before = _stock_state(instance.pk)


def _stockrecord_after(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, "_pagecache_before", None)
    if created or before is None or before != _stock_state(instance.pk):
        site_changed()


def stock_moved(stockrecord_id: int, change: int) -> None:
    """Call after a queryset update moved net stock by `change` (negative: taken); bumps if it crossed zero."""
    if not change:
        return
    StockRecord = get_model("partner", "StockRecord")
    row = StockRecord.objects.filter(pk=stockrecord_id).values_list("num_in_stock", "num_allocated").first()
    if row is None:
        return
    after = (row[0] or 0) - (row[1] or 0)
    if _available(after) != _available(after - change):
        site_changed()


def _net_stock_moved(sender, stockrecord_id: int, change: int, **kwargs) -> None:
    stock_moved(stockrecord_id, change)


def connect() -> None:
    from django.apps import apps

    from stripe_payments.stock import net_stock_moved

    net_stock_moved.connect(_net_stock_moved, dispatch_uid="pagecache-net-stock-moved")

    for label in CONTENT_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_content_saved, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_content_saved, sender=model, dispatch_uid=f"pagecache-delete-{label}")
    StockRecord = get_model("partner", "StockRecord")
    pre_save.connect(_stockrecord_before, sender=StockRecord, dispatch_uid="pagecache-stock-before")
    post_save.connect(_stockrecord_after, sender=StockRecord, dispatch_uid="pagecache-stock-after")
    post_delete.connect(site_changed, sender=StockRecord, dispatch_uid="pagecache-stock-delete")
    page_published.connect(site_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(site_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(site_changed, dispatch_uid="pagecache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="pagecache-page-deleted")


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        site_changed()
