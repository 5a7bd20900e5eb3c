import factories
import pytest
from django.urls import reverse
from harness import body


@pytest.mark.django_db(transaction=True)
def test_signin_mail_round_trip_through_redis_worker_and_smtp(client, celery_worker, mailbox):
    factories.user(email="rondje@voorbeeld.nl", naam="Rein Rondje")
    response = client.post(reverse("inloglink"), {"email": "rondje@voorbeeld.nl"})
    assert response.status_code == 302
    [message] = mailbox.wait_for(1, timeout=20)
    assert message["To"] == "rondje@voorbeeld.nl"
    text = body(message)
    assert "Hallo Rein," in text
    link = next(line for line in text.splitlines() if "/inloggen/?sesame=" in line)
    token = link.split("sesame=")[1].strip()
    assert client.post(reverse("inloggen"), {"sesame": token}).status_code == 302
