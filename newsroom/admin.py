"""The background jobs' results in the admin (django_celery_results), as the workers write them: none is added by
hand. With edits off (the package's default), its add form has no field, and a second blank result saved from it
broke the unique task id (a 500)."""

from django.contrib import admin
from django_celery_results.admin import TaskResultAdmin
from django_celery_results.models import TaskResult


class WrittenByWorkersTaskResultAdmin(TaskResultAdmin):
    def has_add_permission(self, request) -> bool:
        return False


admin.site.unregister(TaskResult)
admin.site.register(TaskResult, WrittenByWorkersTaskResultAdmin)
