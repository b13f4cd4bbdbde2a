from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User


@pytest.fixture
def stored_files(settings):
    """Paths of every file written under MEDIA_ROOT, relative to it."""

    def list_files() -> list[str]:
        root = Path(settings.MEDIA_ROOT)
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []

    return list_files


@pytest.fixture
def photo_desk(db) -> User:
    """A staff member who may upload photos but is no superuser."""
    user = User.objects.create_user("photodesk", password="pw-for-tests-only", is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="photos", codename="add_photo"))
    return user
