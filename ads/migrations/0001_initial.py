# Banners move here from articles: their tables stay as they are (db_table), only Django's state changes, and their
# content types are renamed in place so that permissions, groups and admin log entries stay attached.

import articles.models
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
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
            name='Banner',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='광고주와 캠페인 (독자에게는 보이지 않습니다)', max_length=100, verbose_name='관리용 이름')),
                ('slot', models.CharField(choices=[('site_top', '모든 페이지 상단'), ('home_middle', '홈 중간'), ('home_side', '홈 오른쪽'), ('article_top', '기사 제목 위'), ('article_side', '기사 옆'), ('article_inline', '기사 본문 중간 (문단 사이)'), ('article_bottom', '기사 본문 아래')], max_length=32, verbose_name='위치')),
                ('image', models.ImageField(upload_to='banners/%Y/%m/', verbose_name='이미지')),
                ('link_url', models.URLField(help_text='http:// 또는 https://로 시작하는 주소', max_length=500, validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='연결 주소')),
                ('alt_text', models.CharField(help_text='이미지를 볼 수 없는 독자에게 읽어 주는 문구', max_length=200, verbose_name='대체 텍스트')),
                ('starts_at', models.DateTimeField(default=django.utils.timezone.now, validators=[articles.models.validate_plausible_time], verbose_name='게재 시작')),
                ('ends_at', models.DateTimeField(blank=True, help_text='비워 두면 끄기 전까지 게재합니다.', null=True, validators=[articles.models.validate_plausible_time], verbose_name='게재 종료')),
                ('weight', models.PositiveSmallIntegerField(default=1, help_text='같은 위치에 배너가 여럿이면 이 비중에 비례해 번갈아 보입니다 (1–100).', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='노출 비중')),
                ('is_active', models.BooleanField(default=True, verbose_name='게재')),
            ],
            options={
                'verbose_name': '배너',
                'verbose_name_plural': '배너',
                'db_table': 'articles_banner',
                'ordering': ['slot', '-starts_at'],
                'constraints': [models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('ends_at__gt', models.F('starts_at')), _connector='OR'), name='banner_ends_after_start'), models.CheckConstraint(condition=models.Q(('weight__gte', 1), ('weight__lte', 100)), name='banner_weight_range')],
            },
        ),
        migrations.CreateModel(
            name='BannerStat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='날짜')),
                ('shard', models.PositiveSmallIntegerField()),
                ('impressions', models.PositiveBigIntegerField(db_default=0, default=0, verbose_name='노출')),
                ('clicks', models.PositiveBigIntegerField(db_default=0, default=0, verbose_name='클릭')),
                ('banner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stats', to='ads.banner')),
            ],
            options={
                'verbose_name': '배너 통계',
                'verbose_name_plural': '배너 통계',
                'db_table': 'articles_bannerstat',
                'constraints': [models.UniqueConstraint(fields=('banner', 'day', 'shard'), name='banner_stat_bucket')],
            },
        ),
        ]),
        move_content_types('articles', 'ads', ['banner', 'bannerstat']),
    ]
