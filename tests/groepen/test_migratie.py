"""Prep groups and tables move to their own app without losing a row: the migrations are
state only, so the models on either side of them read the same rows."""

import factories
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from groepen.models import Tafel, Tafelplaats

BEFORE = [("bijeenkomsten", "0012_ledger_naar_berichten"), ("groepen", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_groups_and_tables_keep_their_rows_both_ways():
    traject = factories.traject()
    inschrijving = factories.inschrijving(traject)
    b = factories.bijeenkomst(traject)
    factories.voorbereidingsgroep(b, leden=[inschrijving])
    tafel = Tafel.objects.create(bijeenkomst=b, nummer=1)
    Tafelplaats.objects.create(tafel=tafel, bijeenkomst=b, inschrijving=inschrijving)
    try:
        old = _migrate(BEFORE)
        lid = old.get_model("bijeenkomsten", "Groepslid").objects.get()
        assert (lid.groep.bijeenkomst_id, lid.inschrijving_id) == (b.pk, inschrijving.pk)
        assert old.get_model("bijeenkomsten", "Tafelplaats").objects.get().tafel.nummer == 1

        new = _migrate(_leaves())
        lid = new.get_model("groepen", "Groepslid").objects.get()
        assert (lid.groep.bijeenkomst_id, lid.inschrijving_id, lid.reden) == (
            b.pk,
            inschrijving.pk,
            "zelf",
        )
        assert new.get_model("groepen", "Tafelplaats").objects.get().tafel.nummer == 1
    finally:
        _migrate(_leaves())
