"""The user admin: Django's, with what keeping the desk's accounts safe needs."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

User = get_user_model()


class NewsroomUserAdmin(UserAdmin):
    pass


# django.contrib.auth registered Django's own (it comes first in INSTALLED_APPS); this one takes its place.
admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
