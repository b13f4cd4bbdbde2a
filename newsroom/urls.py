from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import converters, health, seo

converters.register()  # before the apps' URLs, which use them

admin.site.site_header = f"{settings.SITE_NAME} 편집국"
admin.site.site_title = f"{settings.SITE_NAME} 편집국"
admin.site.index_title = "편집국 관리"
admin.site.site_url = "/"

urlpatterns = [
    # Before the admin, whose catch-all would take them: the body editor's image upload, the second factor's pages.
    path("admin/photos-upload/", include("photos.urls")),
    path("admin/two-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("search/", include("search.urls")),
    path("robots.txt", seo.robots_txt, name="robots"),
    # For load balancers: is the process alive, and can it serve pages (database and cache reachable)?
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("ads.urls")),
    path("", include("audience.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
