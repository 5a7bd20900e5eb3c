"""A data version for the dashboard's cache, raised by the database itself on every write
to a table the dashboard counts (bulk writes and ``QuerySet.update`` included).

PostgreSQL: a sequence, raised by a statement-level trigger (``nextval`` takes no lock, so
concurrent writers never wait for each other). SQLite (the embedded default): a one-row
table, raised by row triggers.
"""

from django.db import migrations

TABLES = [
    "trajecten_gebied",
    "trajecten_gebied_managers",
    "trajecten_organisatie",
    "trajecten_organisatie_managers",
    "trajecten_traject",
    "trajecten_traject_organisaties",
    "trajecten_traject_coordinatoren",
    "trajecten_inschrijving",
    "bijeenkomsten_bijeenkomst",
    "bijeenkomsten_aanwezigheid",
    "bijeenkomsten_voorbereidingsgroep",
    "bijeenkomsten_groepslid",
    "verslagen_evaluatie",
    "waarden_waarde",
    "waarden_waardenbord",
    "waarden_trajectwaarde",
    "waarden_onderschrijving",
]


def create(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run("CREATE SEQUENCE dashboard_versie")
        run(
            "CREATE FUNCTION dashboard_versie_ophogen() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN PERFORM nextval('dashboard_versie'); RETURN NULL; END $$"
        )
        for table in TABLES:
            run(
                f"CREATE TRIGGER dashboard_versie AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION dashboard_versie_ophogen()"
            )
    elif schema_editor.connection.vendor == "sqlite":
        run("CREATE TABLE dashboard_versie (id INTEGER PRIMARY KEY, nummer INTEGER NOT NULL)")
        run("INSERT INTO dashboard_versie (id, nummer) VALUES (1, 1)")
        for table in TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                run(
                    f"CREATE TRIGGER dashboard_versie_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN UPDATE dashboard_versie SET nummer = nummer + 1; END"
                )


def drop(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            run(f"DROP TRIGGER IF EXISTS dashboard_versie ON {table}")
        run("DROP FUNCTION IF EXISTS dashboard_versie_ophogen()")
        run("DROP SEQUENCE IF EXISTS dashboard_versie")
    elif schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            for event in ("insert", "update", "delete"):
                run(f"DROP TRIGGER IF EXISTS dashboard_versie_{table}_{event}")
        run("DROP TABLE IF EXISTS dashboard_versie")


class Migration(migrations.Migration):
    dependencies = [
        ("trajecten", "0004_herinneringen"),
        ("bijeenkomsten", "0006_verslag_doelen"),
        ("verslagen", "0001_initial"),
        ("waarden", "0002_catalogus"),
    ]

    operations = [migrations.RunPython(create, drop)]
