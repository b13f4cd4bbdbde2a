from django.urls import path

from caching.pages import cached_page

from . import views

app_name = "audience"
urlpatterns = [
    path("popular/", cached_page(views.popular), name="popular"),
    # The view beacon: short, as every article page sends it; robots.txt keeps crawlers off /views/.
    path("views/<id:pk>", views.view_beacon, name="view_beacon"),
    path("news/best_list_all.html", views.legacy_most_read, name="legacy_most_read"),
]
