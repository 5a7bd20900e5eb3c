"""Phone numbers as typed by people, stored in one form (E.164, +31612345678)."""

import phonenumbers


def phone_e164(typed: str, *, mobile: bool = False) -> str | None:
    """A Dutch or international number as E.164, or None if it is none (or, with
    ``mobile``, not a number a text message can reach)."""
    try:
        number = phonenumbers.parse(typed, "NL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if mobile and phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
