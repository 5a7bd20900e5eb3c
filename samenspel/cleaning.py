"""What people type, checked and cleaned in one place for every form.

Every form of the project derives from ``SchoneInvoer`` (``SchoonForm`` and
``SchoneModelForm`` for short). It does four things, whatever fields a form has:

- single-line text (a ``CharField`` without a ``Textarea``) loses control characters and
  line breaks (a line break in a traject's name broke its feeds and e-mail headers), bidi
  overrides (text that shows in another order than it is stored) and zero-width characters;
  multi-line text keeps its line breaks and tabs but loses the other control characters;
- date and time fields are shown in ISO format, which is what ``<input type=date>`` and
  ``type=time`` need whatever the language (``18-12-2026`` shows as an empty field);
- a date must lie in a sane range of years (a meeting on 0001-01-01 cannot be converted to
  UTC and broke every page of its traject);
- ``lokaal_moment`` combines a date and a local time and names in Dutch the times that do
  not exist (the clock goes forward) or exist twice (the clock goes back) on that day.

A ModelForm also never shows a database constraint's name: a constraint without a message
of its own is reported with a general Dutch sentence.
"""

import re
from datetime import UTC, date, datetime, time

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

JAAR_MIN = 2000
JAAR_MAX = 2100

# C0 and C1 control characters and DEL; the line and paragraph separators.
_STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_STUURTEKENS_MEERREGELIG = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates, direction marks, zero-width characters, the BOM.
_ONZICHTBAAR = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SPATIES = re.compile(r"[ \t]{2,}")

ISO_FORMATEN = {"date": "%Y-%m-%d", "time": "%H:%M", "datetime-local": "%Y-%m-%dT%H:%M"}


def eenregelig(tekst: str) -> str:
    """Single-line text: line breaks and tabs become a space, other control characters,
    bidi overrides and zero-width characters go."""
    tekst = re.sub(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+", " ", tekst)
    tekst = _ONZICHTBAAR.sub("", _STUURTEKENS.sub("", tekst))
    return _SPATIES.sub(" ", tekst)


def meerregelig(tekst: str) -> str:
    """Multi-line text keeps line breaks and tabs; other control characters go."""
    return _STUURTEKENS_MEERREGELIG.sub("", tekst)


def check_jaar(value) -> None:
    """A validator for dates and moments: the year lies between JAAR_MIN and JAAR_MAX."""
    if isinstance(value, date) and not JAAR_MIN <= value.year <= JAAR_MAX:
        raise ValidationError(
            _("Kies een datum tussen het jaar %(van)s en %(tot)s."),
            code="jaar",
            params={"van": JAAR_MIN, "tot": JAAR_MAX},
        )


def lokaal_moment(dag: date, tijd: time, tz) -> datetime:
    """``dag`` at local time ``tijd`` in ``tz``, aware; a ValidationError names a time that
    does not exist on that day (summer time starts) or exists twice (summer time ends)."""
    check_jaar(dag)
    naief = datetime.combine(dag, tijd)
    moment = naief.replace(tzinfo=tz)
    if moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naief:
        raise ValidationError(
            _("Deze tijd bestaat niet op die dag: de klok gaat dan een uur vooruit."),
            code="tijd_bestaat_niet",
        )
    if moment.utcoffset() != naief.replace(tzinfo=tz, fold=1).utcoffset():
        raise ValidationError(
            _(
                "Deze tijd bestaat twee keer op die dag: de klok gaat dan een uur terug. "
                "Kies een andere tijd."
            ),
            code="tijd_dubbel",
        )
    return moment


def _is_eenregelig(field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, forms.Textarea | forms.PasswordInput
    )


class SchoonBoundField(BoundField):
    """Cleans the submitted text before the field sees it, so the field's own checks (length,
    required) and the form shown again with errors both get the cleaned text."""

    @property
    def data(self):
        value = super().data
        if isinstance(value, str) and isinstance(self.field, forms.CharField):
            return eenregelig(value) if _is_eenregelig(self.field) else meerregelig(value)
        return value


def _bereid_voor(field) -> None:
    datum = isinstance(field, forms.DateField | forms.DateTimeField)
    if datum and check_jaar not in field.validators:
        field.validators.append(check_jaar)
    widget = field.widget
    iso = ISO_FORMATEN.get(getattr(widget, "input_type", ""))
    if iso and isinstance(widget, forms.DateInput | forms.TimeInput | forms.DateTimeInput):
        widget.format = iso
        widget.is_localized = False


class SchoneInvoer:
    """Mixin for every form; see the module docstring."""

    bound_field_class = SchoonBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _bereid_voor(field)

    def _post_clean(self):
        super()._post_clean()
        meta = getattr(self, "_meta", None)
        model = getattr(meta, "model", None)
        if model is None or NON_FIELD_ERRORS not in self._errors:
            return
        # Django reports a constraint without its own message as "Constraint “name” is
        # violated": meaningless to a coordinator. Replace it with a general sentence.
        namen = {
            c.get_violation_error_message()
            for c in model._meta.constraints
            if c.violation_error_message == c.default_violation_error_message
        }
        fouten = self._errors[NON_FIELD_ERRORS]
        if any(str(m) in namen for m in fouten):
            rest = [m for m in fouten if str(m) not in namen]
            if not rest and len(self._errors) == 1:
                rest = [_("Deze gegevens passen niet bij elkaar. Controleer wat je invulde.")]
            self._errors[NON_FIELD_ERRORS] = self.error_class(rest, error_class="nonfield")
            if not self._errors[NON_FIELD_ERRORS]:
                del self._errors[NON_FIELD_ERRORS]


TE_LANG = _("Schrijf hoogstens %(limit_value)d tekens.")


def lange_tekst(
    label,
    *,
    max_length: int = 2000,
    rows: int = 4,
    required: bool = False,
    help_text="",
    te_lang=None,
    leeg=None,
) -> forms.CharField:
    """A multi-line text field, with a plain sentence when it is too long (or empty)."""
    messages = {"max_length": te_lang or TE_LANG, **({"required": leeg} if leeg else {})}
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=messages,
    )


class SchoonForm(SchoneInvoer, forms.Form):
    pass


class SchoneModelForm(SchoneInvoer, forms.ModelForm):
    pass
