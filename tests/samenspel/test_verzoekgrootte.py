"""A request body over the limit of its URL is refused with a 413 before anything reads it,
on every URL; uploads that get through stay in memory."""

import io

import factories
import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class Stroom(io.BytesIO):
    """A request body that counts what was read from it."""

    gelezen = 0

    def read(self, size=-1, /):
        block = super().read(size)
        self.gelezen += len(block)
        return block

    def readline(self, size=-1, /):
        line = super().readline(size)
        self.gelezen += len(line)
        return line


def _multipart(grootte: int) -> bytes:
    from django.core.files.uploadedfile import SimpleUploadedFile

    bestand = SimpleUploadedFile("groot.bin", b"x" * grootte)
    return encode_multipart(BOUNDARY, {"bestand": bestand, "naam": "Ans"})


@pytest.fixture
def upload_dir(settings, tmp_path):
    """Django writes uploads larger than FILE_UPLOAD_MAX_MEMORY_SIZE here. The directory
    does not exist, so a write fails the request instead of passing unseen (a temporary
    file is deleted again at the end of the request)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    return tmp_path


def _post(client, url, body: bytes, **extra):
    stroom = Stroom(body)
    response = client.generic(
        "POST",
        url,
        **{
            "wsgi.input": stroom,
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": MULTIPART_CONTENT,
            **extra,
        },
    )
    return response, stroom


@pytest.mark.parametrize("url", ["/", "/inloggen/", "/trajecten/bestaat-niet/aanmelden/"])
def test_20_mb_anonymous_post_is_refused_unread(client, upload_dir, url):
    response, stroom = _post(client, url, _multipart(20 * MB))
    assert response.status_code == 413
    assert stroom.gelezen == 0
    assert list(upload_dir.iterdir()) == []
    page = response.content.decode()
    assert "Wat je stuurde is te groot" in page
    assert "Hier kun je hoogstens 1,0\xa0MB sturen." in page


def test_20_mb_post_of_a_participant_is_refused_unread(client, upload_dir):
    traject = factories.traject()
    inschrijving = factories.inschrijving(traject)
    client.force_login(inschrijving.deelnemer.user)
    url = reverse("mijn_gegevens")
    response, stroom = _post(client, url, _multipart(20 * MB))
    assert response.status_code == 413
    assert stroom.gelezen == 0


def test_import_url_takes_its_own_limit_and_no_more(client, upload_dir, settings):
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator])
    client.force_login(coordinator)
    url = reverse("trajecten:importeren", kwargs={"slug": traject.slug})
    # Over the file limit of the form, within the body limit of the URL: the form says so.
    response, _ = _post(client, url, _multipart(settings.IMPORT_MAX_MB * MB + 1000))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "bestand": [
            "Kies een CSV- of Excel-bestand. De naam eindigt op .csv of .xlsx.",
        ]
    }
    response, stroom = _post(client, url, _multipart(settings.FILE_UPLOAD_MAX_MEMORY_SIZE))
    assert response.status_code == 413
    assert stroom.gelezen == 0
    assert "Hier kun je hoogstens 3,0\xa0MB sturen." in response.content.decode()


def test_chunked_body_over_the_limit_is_refused(client, upload_dir):
    body = _multipart(20 * MB)
    stroom = Stroom(body)
    response = client.generic(
        "POST",
        "/",
        **{
            "wsgi.input": stroom,
            "CONTENT_TYPE": MULTIPART_CONTENT,
            "HTTP_TRANSFER_ENCODING": "chunked",
        },
    )
    assert response.status_code == 413
    # Read only up to one byte past the limit, and kept nowhere.
    assert stroom.gelezen == MB + 1


def test_small_chunked_body_passes(client):
    stroom = Stroom(b"language=en")
    response = client.generic(
        "POST",
        reverse("taal"),
        **{
            "wsgi.input": stroom,
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "HTTP_TRANSFER_ENCODING": "chunked",
        },
    )
    assert response.status_code == 302  # on to the view
    assert stroom.gelezen == len(b"language=en")


def test_413_page_is_in_the_language_of_the_visitor(client, upload_dir):
    response, _ = _post(client, "/", _multipart(2 * MB), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert "You can send at most 1.0\xa0MB here." in response.content.decode()


def test_uploads_are_kept_in_memory_only(settings):
    assert settings.FILE_UPLOAD_HANDLERS == [
        "django.core.files.uploadhandler.MemoryFileUploadHandler"
    ]
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == (settings.IMPORT_MAX_MB + 1) * MB
