"""What happens in this app that apps above it act on, without this app knowing them.

Sent inside the service's transaction, so what the receivers write commits with it (or not
at all). Receivers call services of their own app; ``bijeenkomsten/receivers.py`` has the
current ones."""

from django.dispatch import Signal

# A new traject was saved (``traject``): its meetings are proposed.
traject_aangemaakt = Signal()

# Someone left a traject (``inschrijving``): they leave what is still to come.
inschrijving_vertrokken = Signal()
