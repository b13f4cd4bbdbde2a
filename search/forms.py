from django import forms

from .tokens import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    """The search page's query and filters. Anything malformed is left out of the search, never an error page."""

    q = forms.CharField(label="검색어", required=False, strip=True)
    section = forms.SlugField(label="섹션", required=False, max_length=50)
    series = forms.SlugField(label="연재", required=False, max_length=50)
    reporter = forms.IntegerField(label="기자", required=False, min_value=1, max_value=2**63 - 1)
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
