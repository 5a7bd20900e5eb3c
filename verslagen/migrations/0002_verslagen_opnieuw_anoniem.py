"""Stored report and guide versions follow the current disclosure rules: an evaluation of
fewer than five people keeps only its count, and counts per background under five are no
longer shown. The HTML is rendered again from the data and changed versions drop their
PDF (rendered again from the HTML when it is asked for)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from verslagen.scrubbing import render_again

    VerslagVersie = apps.get_model("verslagen", "VerslagVersie")
    HandreikingVersie = apps.get_model("verslagen", "HandreikingVersie")
    render_again(
        VerslagVersie.objects.order_by("pk").iterator(chunk_size=100),
        HandreikingVersie.objects.order_by("pk"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("verslagen", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
