from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from aftersales.urls import seller_patterns as aftersales_seller_patterns
from core import security
from dashboard.translations import dashboard_patterns as translation_dashboard_patterns
from impact.institution_views import buyer_patterns as institution_patterns
from impact.urls import dashboard_patterns as impact_dashboard_patterns
from marketplace import views, visitor
from marketplace.counties import CountySitemap
from productreviews.urls import seller_patterns as productreviews_seller_patterns
from stripe_payments import views as payment_views
from traceability.cooperative_views import cooperative_patterns as traceability_cooperative_patterns
from traceability.dashboard_views import dashboard_patterns as certificate_dashboard_patterns
from wholesale import urls as wholesale_urls
from wholesale.urls import dashboard_patterns as wholesale_dashboard_patterns

# Language-neutral endpoints: machines call these.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("visitor.json", visitor.visitor_state, name="visitor_state"),  # per-visitor bits of cached pages
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": WagtailSitemap, "counties": CountySitemap}}, name="sitemap"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("payments/stripe/webhook/", payment_views.stripe_webhook, name="stripe_webhook"),
]

if not settings.STRIPE_SECRET_KEY and (settings.DEBUG or settings.STRIPE_SANDBOX):
    # The local Stripe test double, in development only; never mounted once a real key is set.
    urlpatterns.append(path("stripe-sandbox/", include("stripe_payments.sandbox.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# People's pages: Chinese without prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("shop/accounts/logout/", security.logout, name="logout"),  # POST only; before Oscar's GET logout
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("payments/", include("stripe_payments.urls")),
    path("dashboard/cooperative/claims/", include(aftersales_seller_patterns)),
    path("dashboard/cooperative/reviews/", include(productreviews_seller_patterns)),
    path("dashboard/cooperative/", apps.get_app_config("cooperatives_dashboard").urls),
    path("dashboard/wholesale/", include(wholesale_dashboard_patterns)),
    path("dashboard/impact/", include(impact_dashboard_patterns)),
    path("dashboard/translations/", include(translation_dashboard_patterns)),
    path("dashboard/certificates/", include(certificate_dashboard_patterns)),
    path("dashboard/traceability/", include(traceability_cooperative_patterns)),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("counties/", include("marketplace.counties")),
    path("search/", include("cms.urls")),
    path("cooperatives/", include("cooperatives.urls")),
    path("trace/", include("traceability.urls")),
    path("wholesale/", include((wholesale_urls.urlpatterns + institution_patterns, "wholesale"))),
    path("impact/", include("impact.urls")),
    path("aftersales/", include("aftersales.urls")),
    path("reviews/", include("productreviews.urls")),
    # Wagtail serves everything else; it must stay last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
