"""What the admin shows of Django's own in English, in Korean: permission names, the time-zone note of date fields."""

from django.contrib.auth.models import Permission


def test_every_model_s_permissions_are_named_in_korean(db):
    assert Permission.objects.get(codename="add_banner").name == "배너를 추가할 수 있음"
    assert Permission.objects.get(codename="view_article").name == "기사를 볼 수 있음"
    user_change = Permission.objects.get(codename="change_user", content_type__app_label="auth")
    assert user_change.name == "사용자를 변경할 수 있음"
    assert not Permission.objects.filter(name__startswith="Can ").exists()


def test_the_user_page_lists_permissions_in_korean(admin_client, django_user_model):
    user = django_user_model.objects.create_user("yoon")

    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/")

    assert page.status_code == 200
    assert "Can add" not in page.text and "Can view" not in page.text
    assert "배너를 추가할 수 있음" in page.text


def test_the_time_zone_note_of_date_fields_is_korean(admin_client):
    catalog = admin_client.get("/admin/jsi18n/").content.decode()

    assert "\\uc0ac\\uc774\\ud2b8 \\uc2dc\\uac04" in catalog or "사이트 시간" in catalog
    assert "Note: \\uc11c\\ubc84" not in catalog and "Note: 서버" not in catalog
