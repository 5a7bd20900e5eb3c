"""The audit row's move to a plain traject id keeps every row, and a traject can be
deleted afterwards without the log standing in the way (no foreign key left)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("samenspel", "0005_audit_tafel_verplaatst_vergrendeld")]
AFTER = [("samenspel", "0006_auditregel_traject_id")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_audit_rows_keep_their_traject_through_the_migration():
    try:
        apps = _migrate(BEFORE)
        Gebied = apps.get_model("trajecten", "Gebied")
        Traject = apps.get_model("trajecten", "Traject")
        Auditregel = apps.get_model("samenspel", "Auditregel")
        gebied = Gebied.objects.create(naam="Zuid", soort="stadsdeel")
        traject = Traject.objects.create(naam="Samen", slug="samen", gebied=gebied)
        Auditregel.objects.create(traject=traject, actie="traject_bewerkt", payload={"a": 1})
        Auditregel.objects.create(traject=None, actie="gegevens_verwijderd")

        apps = _migrate(AFTER)
        Auditregel = apps.get_model("samenspel", "Auditregel")
        rows = sorted(Auditregel.objects.values_list("traject_id", "actie", "payload"), key=str)
        assert rows == sorted(
            [(traject.pk, "traject_bewerkt", {"a": 1}), (None, "gegevens_verwijderd", {})], key=str
        )
        # No constraint is left: the traject goes, its log lines stay.
        apps.get_model("trajecten", "Traject").objects.filter(pk=traject.pk).delete()
        assert Auditregel.objects.filter(traject_id=traject.pk).count() == 1
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
