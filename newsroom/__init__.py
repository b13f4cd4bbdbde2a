# The Celery app is loaded with Django, so that `shared_task` jobs bind to it and `.delay()` uses its settings.
from .celery import app as celery_app

__all__ = ("celery_app",)
