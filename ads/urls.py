from django.urls import path

from . import views

app_name = "ads"
urlpatterns = [
    path("banners/<id:pk>/click", views.banner_click, name="click"),
    # The impression beacon, under /banners/ so that robots.txt keeps crawlers off it with the clicks.
    path("banners/seen", views.banners_seen, name="seen"),
]
