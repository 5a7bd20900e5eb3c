"""Text for a spreadsheet cell (CSV and XLSX exports), guarded against formulas.

A spreadsheet evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after
a tab or carriage return, some read it the same way): "CSV injection". Names, organisations
and phone numbers come from people, so every text cell that starts so gets a leading
apostrophe, the usual guard, phone numbers included (``+31 6 …`` is a formula to Excel and
``-1+2`` a valid phone number to a lax form). Plain numbers (``-3``, ``12,5%``) are left as
they are: they evaluate to themselves. The import strips the apostrophe again
(``zonder_guard``), so an exported list can be imported as it is. Pure: no Django imports.
"""

import re

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"-?\d+([.,]\d+)?%?")
# Control characters that XLSX cannot hold.
_STUURTEKENS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def veilig(value: str) -> str:
    """``value`` as a cell a spreadsheet shows as text and never evaluates."""
    value = _STUURTEKENS.sub("", value)
    if value.startswith(FORMULE_TEKENS) and not _GETAL.fullmatch(value):
        return "'" + value
    return value


def zonder_guard(value: str) -> str:
    """Undo ``veilig`` for a cell read from an imported file."""
    if value.startswith("'") and value[1:].startswith(FORMULE_TEKENS):
        return value[1:]
    return value
