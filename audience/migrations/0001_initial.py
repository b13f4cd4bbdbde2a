# Article view counts move here from articles: the table stays as it is (db_table), only Django's state changes, and
# the content type is renamed in place.

import django.db.models.deletion
from django.db import migrations, models

from newsroom.migration_helpers import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0010_reader_site'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='ArticleViewCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hour', models.DateTimeField(verbose_name='시각 (정시)')),
                ('shard', models.PositiveSmallIntegerField()),
                ('views', models.PositiveIntegerField(db_default=0, default=0, verbose_name='조회수')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='view_counts', to='articles.article')),
            ],
            options={
                'verbose_name': '조회수',
                'verbose_name_plural': '조회수',
                'db_table': 'articles_articleviewcount',
                'constraints': [models.UniqueConstraint(fields=('hour', 'article', 'shard'), name='article_view_bucket')],
            },
        ),
        ]),
        move_content_types('articles', 'audience', ['articleviewcount']),
    ]
