"""Every role's admin, fed odd values: every registered list with them in its search, filters, date hierarchy,
ordering, page and error flag, every add and change form posted with them in every field. Nothing answers 5xx;
a NUL is the 400 page (newsroom.middleware), a filter the list cannot apply the admin's `?e=1`
(newsroom.changelists)."""

import re
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG, ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.contrib.auth.models import User
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from articles.roles import ADMIN, DESK, REPORTER

# As they go into a query string, quoted: a NUL, numbers no date or id has, and text of every kind at once (letters,
# a byte that is not UTF-8, Hangul, and more of it than any field holds).
ODD = ["%00", "10000", "0", "-1", "9" * 20, "abc%FF" + quote("한글" * 1000)]
# As they go into every field of a form.
ODD_POSTS = ["\x00", "9" * 20, "2026-13-45 25:61"]
ROLES = [REPORTER, DESK, ADMIN, "superuser"]
# A form shows each role a part of the superuser's fields (a reporter's the fewest): the two ends of it are posted.
FORM_ROLES = [REPORTER, "superuser"]
MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)


def _list_parameters(model_admin: admin.ModelAdmin, user: User) -> list[str]:
    """What the list offers: its search, ordering, page and error flag, each filter's parameters, the date
    hierarchy's, and a lookup by each field with choices or a date (a hand-made address may name any field)."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = [SEARCH_VAR, ORDER_VAR, PAGE_VAR, ERROR_FLAG, "pk"]
    for spec in changelist.filter_specs:
        names += spec.expected_parameters()
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    for field in model_admin.model._meta.concrete_fields:
        if field.choices:
            names.append(f"{field.name}__exact")
        if isinstance(field, models.DateField):
            names += [f"{field.name}__year", f"{field.name}__month", f"{field.name}__day", f"{field.name}__gte"]
    return list(dict.fromkeys(names))


@pytest.fixture
def signed_in(client, make_member, make_article, make_series):
    """`client` signed in as a user of the role, in a newsroom with a row or more of what the lists show."""

    def sign_in(role: str) -> User:
        make_series("반도체 연재")
        make_article("반도체 기사")
        user = User.objects.create_superuser("chief") if role == "superuser" else make_member("member", role)
        client.force_login(user)
        return user

    return sign_in


def _is_server_error(response) -> bool:
    return response.status_code >= 500


def _odd_list_failures(client, url: str, names: list[str], odd: str) -> list[tuple]:
    """The list asked for with `odd` in every parameter of `names` at once, and in each half of them again while
    the list refuses the lot (its redirect to `?e=1`): so that every parameter is read to the end, alone or with
    others the list takes, in a few requests rather than one each (a rendered list takes a tenth of a second).
    Answers what came back 5xx."""
    response = client.get(f"{url}?" + "&".join(f"{name}={odd}" for name in names))
    if _is_server_error(response):
        return [(names, odd[:20], response.status_code)]
    if response.status_code == 302 and len(names) > 1:
        half = len(names) // 2
        return _odd_list_failures(client, url, names[:half], odd) + _odd_list_failures(client, url, names[half:], odd)
    return []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_no_list_answers_odd_filter_values_with_a_server_error(client, signed_in, role, model):
    user = signed_in(role)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    if client.get(url).status_code == 403:
        return  # the role does not see this list: nothing of it is read
    names = _list_parameters(admin.site._registry[model], user)
    failures = []
    for odd in ODD:
        if odd == "%00":
            statuses = {name: client.get(f"{url}?{name}=%00").status_code for name in names}
            failures += [(name, "NUL", status) for name, status in statuses.items() if status != 400]
        else:
            # The error flag alone: with another value the list refuses, the admin shows its error page instead.
            failures += _odd_list_failures(client, url, [ERROR_FLAG], odd)
            failures += _odd_list_failures(client, url, [name for name in names if name != ERROR_FLAG], odd)
    assert failures == []


@pytest.mark.parametrize(
    "query",
    [
        "published_at__year=10000",
        "published_at__year=0",
        "published_at__year=-1",
        "published_at__year=abc",
        "published_at__year=99999999999999999999",
        "published_at__month=13",
        "published_at__day=32",
        "status__exact=bogus",
        "status__in=draft,bogus",
    ],
)
def test_an_article_filter_no_calendar_or_state_has_shows_the_whole_list_with_a_notice(client, signed_in, query):
    signed_in(REPORTER)
    url = reverse("admin:articles_article_changelist")

    response = client.get(f"{url}?{query}", follow=True)

    assert response.redirect_chain == [(f"{url}?{ERROR_FLAG}=1", 302)]
    assert "알 수 없는 필터 값이 있어 필터 없이 전체 기사를 보여 드립니다." in response.text
    assert "반도체 기사" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "observed_at__year=9999",
        "observed_at__year=10000",
        "observed_at__year=99999999999999999999",
        "observed_at__year=2026&observed_at__month=2&observed_at__day=30",
        "observed_at__year=2026&observed_at__month=13",
    ],
)
def test_a_date_hierarchy_value_that_is_no_date_shows_the_list_with_its_error_flag(client, signed_in, query):
    signed_in("superuser")
    url = reverse("admin:weather_observation_changelist")

    response = client.get(f"{url}?{query}")

    assert response.status_code == 302
    assert response["Location"] == f"{url}?{ERROR_FLAG}=1"


def test_a_valid_state_and_date_still_filter_the_article_list(client, signed_in, make_article):
    signed_in(DESK)
    make_article("초안 기사", status="draft")
    url = reverse("admin:articles_article_changelist")

    response = client.get(f"{url}?status__exact=draft")

    assert response.status_code == 200
    assert "초안 기사" in response.text
    assert "반도체 기사" not in response.text


def _field_names(page: str) -> list[str]:
    """The name of every field of the form on `page`, inlines and their management forms included."""
    names = re.findall(r'<(?:input|select|textarea)\b[^>]*?\bname="([^"]+)"', page)
    return list(dict.fromkeys(name for name in names if name != "csrfmiddlewaretoken"))


@pytest.mark.parametrize("role", FORM_ROLES)
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_no_form_answers_odd_values_with_a_server_error(client, signed_in, role, model):
    signed_in(role)
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    row = model._default_manager.order_by("pk").first()
    urls = [reverse(f"{info}_add")] + ([reverse(f"{info}_change", args=[row.pk])] if row else [])
    failures = []
    for odd in ("9" * 20, "abc", "-1", "0"):
        response = client.get(reverse(f"{info}_change", args=[odd]))
        if _is_server_error(response):
            failures.append(("change", odd, response.status_code))
    for url in urls:
        page = client.get(url)
        if page.status_code != 200:
            continue  # the role may not add or change this: its form is never read
        names = _field_names(page.text)
        if not names:
            continue  # the role may only view it
        for odd in ODD_POSTS:
            response = client.post(url, dict.fromkeys(names, odd))
            if _is_server_error(response) or (odd == "\x00") != (response.status_code == 400):
                failures.append((url, odd[:20], response.status_code))
    assert failures == []
