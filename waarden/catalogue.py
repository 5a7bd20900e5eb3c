"""The guide's twelve core values, with a short description in plain Dutch and in English.

The data migration loads them; ``ensure_catalogue`` is also used by the demo data, so that a
database emptied by a test run gets them back.
"""

# (slug, naam, naam_en, beschrijving_nl, beschrijving_en)
CATALOGUS = [
    (
        "transparantie",
        "Transparantie",
        "Transparency",
        "Je laat zien wat je doet en waarom. Informatie is open en voor iedereen te volgen.",
        "You show what you do and why. Information is open and easy for everyone to follow.",
    ),
    (
        "autonomie",
        "Autonomie",
        "Autonomy",
        "Mensen beslissen zelf over hun leven en hun werk. Je geeft ruimte en schrijft niet "
        "alles voor.",
        "People decide for themselves about their life and their work. You give room and do "
        "not prescribe everything.",
    ),
    (
        "veiligheid",
        "Veiligheid",
        "Safety",
        "Iedereen kan zeggen wat hij denkt, zonder bang te zijn. Fouten maken mag.",
        "Everyone can say what they think without being afraid. Making mistakes is allowed.",
    ),
    (
        "rechtvaardigheid",
        "Rechtvaardigheid",
        "Fairness",
        "Iedereen wordt eerlijk behandeld. Wie het moeilijker heeft, krijgt wat meer steun.",
        "Everyone is treated fairly. Whoever has a harder time gets a little more support.",
    ),
    (
        "stimuleren",
        "Stimuleren",
        "Encouragement",
        "Je moedigt elkaar aan om iets te proberen en te groeien. Je ziet wat iemand kan.",
        "You encourage each other to try things and to grow. You see what someone can do.",
    ),
    (
        "creatief",
        "Creatief",
        "Creativity",
        "Je durft anders te denken en iets nieuws te proberen. Je zegt ‘Ja, en…’ in plaats "
        "van ‘Ja, maar…’.",
        "You dare to think differently and to try something new. You say ‘Yes, and…’ instead "
        "of ‘Yes, but…’.",
    ),
    (
        "warmte",
        "Warmte",
        "Warmth",
        "Je bent vriendelijk en betrokken. Mensen voelen zich welkom en gezien.",
        "You are kind and involved. People feel welcome and seen.",
    ),
    (
        "openheid",
        "Openheid",
        "Openness",
        "Je zegt wat er in je hoofd, je hart en je buik zit. En je luistert naar wat anderen "
        "vinden.",
        "You say what is in your head, your heart and your gut. And you listen to what others "
        "think.",
    ),
    (
        "zelfregie",
        "Zelfregie",
        "Self-direction",
        "Mensen houden zelf de touwtjes in handen. Zij bepalen wat ze nodig hebben, anderen "
        "helpen daarbij.",
        "People stay in charge of their own lives. They decide what they need, and others help "
        "with that.",
    ),
    (
        "verantwoordelijkheid",
        "Verantwoordelijkheid",
        "Responsibility",
        "Je doet wat je zegt en staat achter je keuzes. Samen zorg je dat het werk gedaan wordt.",
        "You do what you say and stand behind your choices. Together you make sure the work "
        "gets done.",
    ),
    (
        "respect",
        "Respect",
        "Respect",
        "Je neemt elkaar serieus, ook als je het oneens bent. Ieders kennis en ervaring telt.",
        "You take each other seriously, also when you disagree. Everyone’s knowledge and "
        "experience counts.",
    ),
    (
        "gelijkwaardigheid",
        "Gelijkwaardigheid",
        "Equality",
        "Niemand is meer waard dan een ander. Een professional en een vrijwilliger praten als "
        "gelijken.",
        "Nobody is worth more than anyone else. A professional and a volunteer talk as equals.",
    ),
]


def ensure_catalogue(waarde_model) -> None:
    """Create those of the twelve catalogue values that are missing (existing ones, maybe
    edited in the admin, are left alone). ``waarde_model`` is the ``Waarde`` model (in a
    migration: the historical one). Idempotent."""
    for volgorde, (slug, naam, naam_en, nl, en) in enumerate(CATALOGUS, start=1):
        waarde_model.objects.get_or_create(
            slug=slug,
            traject=None,
            defaults={
                "naam": naam,
                "naam_en": naam_en,
                "beschrijving_nl": nl,
                "beschrijving_en": en,
                "volgorde": volgorde,
            },
        )
