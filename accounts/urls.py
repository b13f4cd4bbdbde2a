from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.two_factor, name="two_factor"),
    path("setup/", views.two_factor_setup, name="two_factor_setup"),
    path("account/", views.two_factor_account, name="two_factor_account"),
]
