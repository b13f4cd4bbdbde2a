"""Putting an account in a role is what lets it into the admin."""

import pytest
from django.contrib.auth.models import Group, User


@pytest.mark.django_db
def test_an_account_put_in_the_reporters_role_can_sign_in_to_the_admin(client):
    User.objects.create_user("hanjiwon", password="a-long-password-1", first_name="지원", last_name="한")

    User.objects.get(username="hanjiwon").groups.add(Group.objects.get(name="기자"))
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "hanjiwon", "password": "a-long-password-1"}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "한지원" in response.text


@pytest.mark.django_db
def test_adding_accounts_to_a_role_from_the_group_side_makes_them_staff_too():
    first = User.objects.create_user("first")
    second = User.objects.create_user("second")

    Group.objects.get(name="데스크").user_set.add(first, second)

    assert set(User.objects.filter(is_staff=True).values_list("username", flat=True)) == {"first", "second"}


@pytest.mark.django_db
def test_a_group_that_is_no_role_gives_no_admin_access():
    user = User.objects.create_user("reader")
    user.groups.add(Group.objects.create(name="독자 모임"))

    user.refresh_from_db()
    assert not user.is_staff
