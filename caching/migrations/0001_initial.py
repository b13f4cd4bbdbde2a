import time

from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("caching", "ContentVersion").objects.using(schema_editor.connection.alias).create(
        pk=1, value=time.time_ns() // 1000
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=1, verbose_name="버전")),
            ],
            options={"verbose_name": "콘텐츠 버전", "verbose_name_plural": "콘텐츠 버전"},
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop, elidable=False),
    ]
