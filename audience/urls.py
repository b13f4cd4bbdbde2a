from django.urls import path

from . import views

app_name = "audience"
urlpatterns = [
    path("popular/", views.popular, name="popular"),
    path("news/best_list_all.html", views.legacy_most_read, name="legacy_most_read"),
]
