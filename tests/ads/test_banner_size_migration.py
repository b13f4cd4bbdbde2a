"""Upgrading to banners that know their image's size: the banners there are get it from their files."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ads.models import Banner
from demo.images import banner_image

BEFORE = ("ads", "0001_initial")
AFTER = ("ads", "0002_banner_image_size")


def migrate(target) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return MigrationExecutor(connection)


def test_the_banners_there_are_get_their_images_size_and_one_without_a_file_gets_none(transactional_db):
    old = migrate(BEFORE).loader.project_state([BEFORE]).apps.get_model("ads", "Banner")
    try:
        readable = old(name="있는 파일", slot="site_top", link_url="https://ad.example/", alt_text="광고")
        readable.image.save("old.jpg", banner_image((468, 60), "옛 배너"), save=False)
        readable.save()
        gone = old(name="없는 파일", slot="site_top", link_url="https://ad.example/", alt_text="광고", image="gone.jpg")
        gone.save()

        migrate(AFTER)
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Banner.objects.get(pk=readable.pk).size == (468, 60)
    assert Banner.objects.get(pk=gone.pk).size is None
