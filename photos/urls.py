from django.urls import path

from . import views

app_name = "photos"

urlpatterns = [
    path("upload/", views.upload_for_editor, name="upload"),
]
