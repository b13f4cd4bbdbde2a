"""Hand-read rows made into model instances (newsroom.rows): what the ORM would have made of them."""

from django.db.models.signals import post_init

from articles.models import Section
from newsroom.rows import concrete_fields, model_from_row


def test_a_row_becomes_a_saved_instance_equal_to_the_orms_and_its_missing_fields_load_when_read(section):
    fields = [Section._meta.get_field("id"), Section._meta.get_field("name")]

    made = model_from_row(Section, "sec", fields, (section.pk, section.name))

    assert made == Section.objects.get(pk=section.pk)
    assert not made._state.adding
    assert made.get_deferred_fields() == {f.attname for f in concrete_fields(Section)} - {"id", "name"}
    assert made.slug == section.slug  # read from the database on first use, as a deferred field is


def test_something_listening_to_the_making_of_a_model_still_hears_it(section):
    heard = []

    def listen(sender, instance, **kwargs):
        heard.append(instance.pk)

    post_init.connect(listen, sender=Section)
    try:
        fields = concrete_fields(Section)
        model_from_row(Section, "sec", fields, [getattr(section, field.attname) for field in fields])
    finally:
        post_init.disconnect(listen, sender=Section)

    assert heard == [section.pk]
