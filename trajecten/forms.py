from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from berichten import timing
from samenspel.choices import Taal
from samenspel.cleaning import SchoneModelForm, SchoonForm

from .choices import Rol
from .models import Gebied, Organisatie, Traject
from .services import Aanmelding

ROL_UITLEG = {
    Rol.BEROEPSKRACHT: _("Formeel: je werkt hier als professional, bijvoorbeeld in een wijkteam."),
    Rol.AMBTENAAR: _("Formeel: je werkt bij de gemeente."),
    Rol.LEIDINGGEVENDE: _("Formeel: je bent leidinggevende of financier."),
    Rol.VRIJWILLIGER: _("Informeel: je doet vrijwilligerswerk."),
    Rol.MANTELZORGER: _("Informeel: je zorgt voor iemand in je omgeving."),
    Rol.ACTIEVE_BEWONER: _(
        "Informeel: je zet je in voor je buurt, bijvoorbeeld in een bewonersgroep."
    ),
    Rol.ERVARINGSDESKUNDIGE: _(
        "Ervaringsdeskundige: je weet uit eigen ervaring hoe het is "
        "om zorg of steun nodig te hebben."
    ),
}


class AanmeldForm(SchoonForm):
    naam = forms.CharField(label=_("Je naam"), max_length=150)
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,  # as stored; Django's form field alone would allow 320
        help_text=_("Hier sturen we de uitnodigingen naartoe."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    telefoon = forms.CharField(
        label=_("Je telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    organisatie = forms.CharField(label=_("Je organisatie"), max_length=200, required=False)
    rol = forms.ChoiceField(
        label=_("Hoe doe je mee?"),
        choices=[(rol.value, format_lazy("{} – {}", rol.label, ROL_UITLEG[rol])) for rol in Rol],
        widget=forms.RadioSelect,
        help_text=_(
            "Zo zorgen we dat professionals, bewoners en ervaringsdeskundigen "
            "evenredig aan tafel zitten."
        ),
    )
    talenten = forms.CharField(
        label=_("Wat breng je mee?"),
        help_text=_("Bijvoorbeeld: wat kun je goed, wat weet je veel van?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wensen = forms.CharField(
        label=_("Waar wil je het over hebben?"),
        help_text=_("Jullie wensen bepalen waar de eerste bijeenkomst over gaat."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wil_voorbereiden = forms.BooleanField(
        label=_("Ik wil helpen een bijeenkomst voor te bereiden."),
        help_text=_(
            "Na elke bijeenkomst bereidt een kleine groep deelnemers de volgende voor. "
            "Je kunt dit later nog veranderen."
        ),
        required=False,
    )
    taal = forms.ChoiceField(label=_("Taal voor e-mails"), choices=Taal.choices, initial=Taal.NL)
    toestemming = forms.BooleanField(
        label=_("Ik ga akkoord met de privacyverklaring."),
        error_messages={"required": _("Je kunt je alleen aanmelden als je akkoord gaat.")},
    )

    def aanmelding(self) -> Aanmelding:
        data = self.cleaned_data
        return Aanmelding(
            naam=data["naam"],
            email=data["email"],
            rol=data["rol"],
            telefoon=data["telefoon"],
            organisatie=data["organisatie"],
            talenten=data["talenten"],
            wensen=data["wensen"],
            taal=data["taal"],
            wil_voorbereiden=data["wil_voorbereiden"],
        )


class TrajectForm(SchoneModelForm):
    gebied = forms.ModelChoiceField(label=_("Gebied"), queryset=Gebied.objects.all())

    class Meta:
        model = Traject
        fields = [
            "naam",
            "slug",
            "gebied",
            "organisatoren",
            "contact_telefoon",
            "beschrijving",
            "doel",
            "capaciteit",
            "doel_formeel",
            "doel_informeel",
            "doel_ervaringsdeskundige",
            "max_formeel",
            "max_informeel",
            "max_ervaringsdeskundige",
            "aantal_bijeenkomsten",
            "herinnering_dagen",
            "aanbod_uren",
            "startdatum",
            "einddatum",
            "status",
        ]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "doel": forms.Textarea(attrs={"rows": 3}),
            "startdatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "einddatum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "slug": _("Alleen kleine letters, cijfers en streepjes. Bijvoorbeeld: zuid-2026."),
            "doel_formeel": _("De drie doelen samen zijn 100%."),
            "max_formeel": _("Laat leeg als er geen grens is."),
            "contact_telefoon": _(
                "Dit nummer staat op de brieven aan mensen zonder e-mail. Bijvoorbeeld 020 1234567."
            ),
        }

    # The ranges of the model's check constraints, checked on the field so that the
    # coordinator reads which field is wrong and why (not a constraint's name).
    GRENZEN = {
        "capaciteit": (1, None),
        "max_formeel": (1, 100),
        "max_informeel": (1, 100),
        "max_ervaringsdeskundige": (1, 100),
        "aantal_bijeenkomsten": (1, 12),
        "aanbod_uren": (1, 336),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sensible defaults for the reminder settings; a coordinator rarely changes them.
        self.fields["aanbod_uren"].required = False
        for naam, (laag, hoog) in self.GRENZEN.items():
            veld = self.fields[naam]
            veld.validators.append(MinValueValidator(laag))
            veld.widget.attrs["min"] = laag
            if hoog is not None:
                veld.validators.append(MaxValueValidator(hoog))
                veld.widget.attrs["max"] = hoog

    def clean_aanbod_uren(self):
        return self.cleaned_data["aanbod_uren"] or Traject._meta.get_field("aanbod_uren").default

    def clean_herinnering_dagen(self):
        value = self.cleaned_data["herinnering_dagen"]
        try:
            days = timing.parse_days(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Schrijf dagen tussen 1 en 60, met komma's ertussen. Bijvoorbeeld: 7,1")
            ) from exc
        return ",".join(map(str, days))

    def clean(self):
        data = super().clean()
        doelen = [
            data.get(f) for f in ("doel_formeel", "doel_informeel", "doel_ervaringsdeskundige")
        ]
        start, einde = data.get("startdatum"), data.get("einddatum")
        if start and einde and einde < start:
            self.add_error("einddatum", _("De einddatum ligt voor de startdatum."))
        if all(d is not None for d in doelen) and sum(doelen) != 100:
            # On a field, so that the model's check of the same sum is skipped: one message.
            self.add_error(
                "doel_formeel",
                _("De doelen samen moeten 100%% zijn. Nu is het %(som)s%%.") % {"som": sum(doelen)},
            )
        return data


class UitnodigForm(SchoonForm):
    emails = forms.CharField(
        label=_("E-mailadressen"),
        help_text=_("Eén adres per regel. We sturen de link naar het aanmeldformulier."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_emails(self):
        from django.core.validators import validate_email

        emails = [line.strip() for line in self.cleaned_data["emails"].splitlines() if line.strip()]
        wrong = []
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                wrong.append(email)
        if wrong:
            raise forms.ValidationError(
                _("Deze adressen kloppen niet: %(adressen)s") % {"adressen": ", ".join(wrong)}
            )
        return emails


class ImportForm(SchoonForm):
    bestand = forms.FileField(
        label=_("Bestand (CSV of Excel)"),
        help_text=_("Kolommen: naam, email, telefoon, organisatie, achtergrond, rol."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_bestand(self):
        """Only .csv and .xlsx, by name and by content, and not too big. The content is
        read once here; ``cleaned_data["data"]`` holds it for the view."""
        from django.conf import settings

        from .file_import import TeGroot, read_rows, upload_problem

        bestand = self.cleaned_data["bestand"]
        max_bytes = settings.IMPORT_MAX_MB * 1024 * 1024
        # Never read more than the limit into memory: one byte over is enough to refuse.
        data = bestand.read(max_bytes + 1)
        problem = upload_problem(data, bestand.name, max_bytes=max_bytes)
        if problem:
            raise forms.ValidationError(problem)
        # A small file can hold a huge sheet: reading stops one row past the limit.
        try:
            read_rows(data, bestand.name)
        except TeGroot as exc:
            raise forms.ValidationError(str(exc)) from exc
        except ValueError:
            pass  # an unreadable file is reported by the import, with its reason
        self.cleaned_data["data"] = data
        return bestand


class TeamLidForm(SchoonForm):
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Van iemand die al een account heeft."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    rol = forms.ChoiceField(
        label=_("Rol"),
        choices=[
            ("coordinator", _("Coördinator: kan alles in dit traject")),
            ("rapporteur", _("Verslaglegger: schrijft de verslagen")),
        ],
        widget=forms.RadioSelect,
        initial="coordinator",
    )


class OrganisatieKoppelForm(SchoonForm):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisatie.objects.none(), empty_label=None
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.exclude(
            trajecten=traject
        ).order_by("naam")
