from django import forms

from .tokens import MAX_QUERY_LENGTH


def _missing(what: str) -> dict[str, str]:
    """A link's filter that names nothing we have says so, however it is malformed."""
    message = f"없는 {what}입니다."
    return dict.fromkeys(("invalid", "max_length", "min_value", "max_value"), message)


class QueryField(forms.CharField):
    """A query with any NUL left out (pasted with a word, or sent by a robot): the rest is still searched."""

    def to_python(self, value) -> str:
        return super().to_python(value).replace("\x00", "")


class SearchForm(forms.Form):
    """The search page's query and filters. Anything malformed is left out of the search, never an error page."""

    q = QueryField(label="검색어", required=False, strip=True)
    section = forms.SlugField(label="섹션", required=False, max_length=50, error_messages=_missing("섹션"))
    series = forms.SlugField(label="연재", required=False, max_length=50, error_messages=_missing("연재"))
    reporter = forms.IntegerField(
        label="기자", required=False, min_value=1, max_value=2**63 - 1, error_messages=_missing("기자")
    )
    since = forms.DateField(label="시작일", required=False, input_formats=["%Y-%m-%d"])
    until = forms.DateField(label="종료일", required=False, input_formats=["%Y-%m-%d"])

    def clean_q(self) -> str:
        # The whole text is never needed: the query keeps its first MAX_QUERY_LENGTH characters.
        return self.cleaned_data["q"][: MAX_QUERY_LENGTH * 2]

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "종료일이 시작일보다 앞입니다.")
        for name in ("since", "until"):
            if data.get(name) and not 1900 <= data[name].year <= 2999:
                self.add_error(name, "1900년부터 2999년 사이의 날짜를 입력하세요.")
        return data

    def valid_data(self) -> dict:
        """The fields that were well formed; the malformed ones count as not given."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
