"""The content version: moved on by every change a reader would see, so that a kept page is never served after it."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from ads.models import Banner
from caching import versions
from caching.models import ContentVersion
from caching.pages import cached_page


def test_a_new_banner_is_on_the_warm_pages_at_once(reader, make_article, make_banner):
    article = make_article()
    reader.get(article.get_absolute_url()), reader.get(article.get_absolute_url())

    make_banner(Banner.Slot.SITE_TOP, name="새 광고주", alt_text="새 광고주 배너")

    assert "새 광고주 배너" in reader.get(article.get_absolute_url()).text


def test_a_page_rendered_while_a_change_commits_is_never_served_after_it(db):
    """The page read the version before its data; a change committed in between leaves it under the old version."""
    shown = {"headline": "옛 제목"}

    def page(request):
        old = shown["headline"]  # the page's query, before the change commits
        shown["headline"] = "새 제목"
        versions.content_changed()  # the change commits while the page is still rendering
        return HttpResponse(old)

    view = cached_page(page)
    factory = RequestFactory()
    assert view(factory.get("/")).content.decode() == "옛 제목"

    def page_after(request):
        return HttpResponse(shown["headline"])

    assert cached_page(page_after)(factory.get("/")).content.decode() == "새 제목"


@pytest.mark.django_db
def test_a_version_lost_with_its_row_starts_again_above_every_earlier_one():
    before = versions.current()
    ContentVersion.objects.all().delete()

    versions.content_changed()

    assert versions.current() > before
