from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from marketplace import views

# Language-neutral endpoints: machines call these.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# People's pages: Chinese without prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("counties/", include("regions.urls")),
    # Wagtail serves everything else; it must stay last.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
