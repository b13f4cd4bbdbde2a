# Banners went to ads and view counts to audience, with their tables: this only drops them from the state of
# articles (nothing is deleted in the database).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_reader_site'),
        ('ads', '0001_initial'),
        ('audience', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(model_name='bannerstat', name='banner'),
            migrations.DeleteModel(name='ArticleViewCount'),
            migrations.DeleteModel(name='Banner'),
            migrations.DeleteModel(name='BannerStat'),
        ]),
    ]
