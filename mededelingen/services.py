from django.db import IntegrityError, transaction

from berichten.sending import Due, queue

from .choices import Bericht
from .models import Mededeling
from .queries import recipients


def key(mededeling) -> str:
    return f"m{mededeling.pk}"


def send(*, traject, door, data: dict, sleutel) -> tuple[Mededeling, bool]:
    """Store the message and put one e-mail per recipient in the outbox, all in one
    transaction. The preview's ``sleutel`` makes it happen once: sent again, the stored
    message is returned with False."""
    try:
        with transaction.atomic():
            mededeling = Mededeling.objects.create(
                traject=traject,
                onderwerp=data["onderwerp"],
                tekst=data["tekst"],
                ontvangers=data["ontvangers"],
                bijeenkomst=data.get("bijeenkomst"),
                groep=data.get("groep"),
                verstuurd_door=door,
                sleutel=sleutel,
            )
            people = [
                i
                for i in recipients(
                    traject, data["ontvangers"], data.get("bijeenkomst"), data.get("groep")
                )
                if i.deelnemer.user.heeft_email
            ]
            queue(
                [
                    Due(
                        i.deelnemer.user_id,
                        traject.pk,
                        Bericht.MEDEDELING,
                        key(mededeling),
                        inschrijving_id=i.pk,
                    )
                    for i in people
                ]
            )
            mededeling.aantal = len(people)
            mededeling.save(update_fields=["aantal"])
    except IntegrityError:
        return Mededeling.objects.get(traject=traject, sleutel=sleutel), False
    return mededeling, True


def unsaved(*, traject, door, data: dict) -> Mededeling:
    """The message as it would be stored, for the preview."""
    return Mededeling(
        traject=traject,
        onderwerp=data["onderwerp"],
        tekst=data["tekst"],
        ontvangers=data["ontvangers"],
        verstuurd_door=door,
    )
