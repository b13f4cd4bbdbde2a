from django.db import migrations, models


def measure_images(apps, schema_editor):
    """Give the banners there are their image's size, read once from each file's header (no box for a file that
    cannot be read: the page shows it without one, as before)."""
    Banner = apps.get_model("ads", "Banner")
    for banner in Banner.objects.exclude(image="").iterator():
        try:
            size = banner.image.width, banner.image.height
        except (OSError, ValueError, TypeError):
            continue
        Banner.objects.filter(pk=banner.pk).update(image_width=size[0], image_height=size[1])


class Migration(migrations.Migration):
    dependencies = [
        ("ads", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="banner",
            name="image_height",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="이미지 높이"),
        ),
        migrations.AddField(
            model_name="banner",
            name="image_width",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="이미지 너비"),
        ),
        migrations.RunPython(measure_images, migrations.RunPython.noop, elidable=True),
    ]
