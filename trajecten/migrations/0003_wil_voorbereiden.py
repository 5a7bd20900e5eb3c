from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0002_import")]

    operations = [
        migrations.AddField(
            model_name="inschrijving",
            name="wil_voorbereiden",
            field=models.BooleanField(default=False, verbose_name="wil helpen voorbereiden"),
        ),
    ]
