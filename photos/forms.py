from __future__ import annotations

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile

from . import processing
from .models import Photo


class PhotoUploadForm(forms.ModelForm):
    """Uploads one image with its texts; a refused file comes back as an error on the `image` field.

    The image is cleaned during validation, so a file Pillow cannot decode is reported like any other refusal
    and `save()` only has to store what was already checked.
    """

    # A plain FileField: forms.ImageField would let Pillow open the file in any format it knows.
    image = forms.FileField(
        label="사진 파일",
        help_text="JPEG, PNG, WebP, GIF. 위치·촬영 기기 정보는 지워지고 파일 이름은 새로 정해집니다.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )

    field_order = ["image", "alt_text", "caption", "credit"]

    class Meta:
        model = Photo
        fields = ["alt_text", "caption", "credit"]

    def clean_image(self) -> UploadedFile:
        upload = self.cleaned_data["image"]
        # `process` runs `validate` (size, format, pixel count from the header) before decoding anything.
        self._clean_image = processing.process(upload)
        return upload

    def save(self, user: AbstractBaseUser | None = None) -> Photo:
        """Store the checked image and its renditions as a new Photo uploaded by `user`."""
        if self.errors:
            raise ValueError("PhotoUploadForm.save() needs a valid form.")
        return Photo.objects.create_from_clean(
            self._clean_image,
            alt_text=self.cleaned_data["alt_text"],
            caption=self.cleaned_data["caption"],
            credit=self.cleaned_data["credit"],
            user=user,
        )

    def first_error(self) -> str:
        """The first message to show where there is room for one (the body editor's upload)."""
        for messages in self.errors.values():
            return messages[0]
        return ""
