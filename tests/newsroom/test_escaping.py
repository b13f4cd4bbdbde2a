"""Values written into pages by Python are escaped exactly as Django escapes them."""

import pytest
from django.utils.html import escape as django_escape

from newsroom.escaping import escape


@pytest.mark.parametrize(
    "text",
    ["반도체 수출 반등", '"따옴표" <b>굵게</b>', "AT&T", "it's", "/articles/12/", "", "&amp;", "<script>1</script>"],
)
def test_text_is_escaped_as_django_escapes_it(text):
    assert escape(text) == str(django_escape(text))


def test_numbers_are_written_as_text():
    assert escape(1200) == "1200"
