import django.db.models.deletion
from django.core.files.storage import default_storage
from django.db import migrations, models


def move_lead_images(apps, schema_editor):
    """Each existing lead image becomes a Photo on the same file, with its caption and credit."""
    from PIL import Image, UnidentifiedImageError

    Article = apps.get_model("articles", "Article")
    Photo = apps.get_model("photos", "Photo")
    for article in Article.objects.exclude(lead_image=""):
        try:
            with default_storage.open(article.lead_image.name) as file, Image.open(file) as image:
                width, height = image.size
        except (OSError, UnidentifiedImageError):
            continue  # the file is gone: nothing to show either way
        photo = Photo.objects.create(
            image=article.lead_image.name,
            width=width,
            height=height,
            alt_text=(article.lead_image_caption or article.headline)[:300],
            caption=article.lead_image_caption,
            credit=article.lead_image_credit,
        )
        Article.objects.filter(pk=article.pk).update(lead_photo=photo)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_no_lost_edits"),
        ("photos", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="lead_photo",
            field=models.ForeignKey(
                blank=True,
                help_text="사진 설명과 출처(사진=…)는 사진에 적습니다. 출고하려면 대체 텍스트가 있어야 합니다.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="photos.photo",
                verbose_name="대표 사진",
            ),
        ),
        migrations.RunPython(move_lead_images, migrations.RunPython.noop),
        migrations.RemoveField(model_name="article", name="lead_image"),
        migrations.RemoveField(model_name="article", name="lead_image_caption"),
        migrations.RemoveField(model_name="article", name="lead_image_credit"),
    ]
