"""The shared library of theory openers (bouwstenen), after the guide's themes."""

BIBLIOTHEEK = [
    (
        "Creatief denken en de regels van brainstormen",
        "We denken even buiten de gewone kaders. Bij brainstormen gelden vier regels: "
        "1. Alle ideeën zijn welkom, ook vreemde. 2. We oordelen nog niet. "
        "3. Veel ideeën is beter dan een paar. 4. Bouw voort op elkaars ideeën. "
        "We brainstormen twintig minuten; daarna kiezen we samen.",
    ),
    (
        "Omdenken: van \u201cJa maar\u201d naar \u201cJa, en\u201d",
        "Een probleem kun je ook als kans zien. Wie \u201cJa maar\u201d zegt, zet een "
        "idee stil. Wie \u201cJa, en\u201d zegt, bouwt erop voort. Vandaag letten we erop: "
        "hoe vaak zeggen we \u201cJa maar\u201d, en lukt het om er \u201cJa, en\u201d "
        "van te maken?",
    ),
    (
        "Samenwerken, concurreren en loyaliteit",
        "Professionals, vrijwilligers, mantelzorgers en bewoners hebben elk hun eigen "
        "belangen en trouw aan hun eigen organisatie of netwerk. Dat is normaal. We "
        "bespreken: wanneer werken we samen, wanneer voelen we concurrentie, en aan wie "
        "voelen we ons loyaal? Wat hebben we van elkaar nodig?",
    ),
    (
        "Gedeelde waarden",
        "Waarden zijn wat we belangrijk vinden, zoals respect, openheid en "
        "gelijkwaardigheid. Als we weten welke waarden we delen, groeit vertrouwen. "
        "Vandaag zoeken we welke waarden formele en informele partijen en "
        "ervaringsdeskundigen met elkaar delen, en wat ze in de praktijk betekenen.",
    ),
]


def seed_bouwstenen(Bouwsteen) -> list:
    """Create the library entries that are missing (idempotent). Takes the model so a
    data migration can pass its historical model."""
    return [
        Bouwsteen.objects.get_or_create(titel=titel, traject=None, defaults={"tekst": tekst})[0]
        for titel, tekst in BIBLIOTHEEK
    ]
