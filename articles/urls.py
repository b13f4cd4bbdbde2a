from django.urls import path, register_converter

from . import views


class IdConverter:
    """A positive database id; longer numbers than a 64-bit column holds never reach the database (404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<id:pk>/", views.article_detail, name="detail"),
    path("articles/<id:pk>/related/", views.related_list, name="related"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("reporters/<id:pk>/", views.reporter_detail, name="reporter"),
]
