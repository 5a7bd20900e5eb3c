from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # Fuzzy matches guess wrong for short Dutch strings ("Aanwezig" is not "Bezig");
    # a new string stays untranslated until someone translates it.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
