from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from . import kma
from .importing import FORMATS, MAX_FILE_BYTES, import_bytes
from .models import Observation, Station


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "id", "display_order", "is_active", "nx", "ny"]
    list_editable = ["display_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "=id"]
    fields = ["id", "name", "display_order", "is_active", "latitude", "longitude", "nx", "ny"]

    def get_readonly_fields(self, request: HttpRequest, obj: Station | None = None) -> list[str]:
        return ["id"] if obj else []


class ImportForm(forms.Form):
    file = forms.FileField(
        label="기상청 응답 파일", help_text="kma_sfctm2 텍스트, ASOS 시간자료 JSON, 초단기실황 JSON (20MB 이하)"
    )
    format = forms.ChoiceField(
        label="형식",
        choices=[(value, "내용을 보고 판단" if value == "auto" else value) for value in FORMATS],
        initial="auto",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("파일이 너무 큽니다: 20MB 이하만 올릴 수 있습니다.")
        return upload


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = [
        "station", "observed_at", "weather_word", "temperature", "cloud_amount", "precipitation", "humidity",
        "wind_speed", "source", "updated_at",
    ]  # fmt: skip
    list_filter = ["station", "observed_at", "source"]
    list_select_related = ["station"]
    date_hierarchy = "observed_at"
    show_full_result_count = False
    change_list_template = "admin/weather/observation/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Observation | None = None) -> bool:
        return False

    @admin.display(description="날씨")
    def weather_word(self, observation: Observation) -> str:
        return observation.weather_word

    def get_urls(self):
        upload = path("import/", self.admin_site.admin_view(self.import_view), name="weather_observation_import")
        return [upload, *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("weather.import_observation"):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = import_bytes(form.cleaned_data["file"].read(), form.cleaned_data["format"])
            except kma.KMAError as error:
                form.add_error("file", f"{error}. 저장한 관측값은 없습니다.")
            else:
                for warning in result.warnings:
                    self.message_user(request, warning, messages.WARNING)
                self.message_user(request, str(result), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:weather_observation_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "관측 자료 파일 올리기",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/weather/observation/import.html", context)
