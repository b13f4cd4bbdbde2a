from django.apps import AppConfig


class PhotosConfig(AppConfig):
    """Uploaded images and their renditions, kept apart from `articles`.

    One cleaned image serves an article's lead, images in the body editor and, later, banners and reporter
    photos; its checks (formats, size and pixel caps), metadata stripping and renditions are the same whoever
    uses it, so they live here once rather than in each model with an ImageField.
    """

    name = "photos"
    verbose_name = "사진"
