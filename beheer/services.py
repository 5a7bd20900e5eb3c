from django.db import transaction


@transaction.atomic
def set_roles(*, form) -> list[str]:
    """Save a person's roles and the scope a manager sees. Returns what changed."""
    user = form.save()
    changed = list(form.changed_data)
    user.beheerde_gebieden.set(form.cleaned_data["gebieden"])
    user.beheerde_organisaties.set(form.cleaned_data["organisaties"])
    return changed
