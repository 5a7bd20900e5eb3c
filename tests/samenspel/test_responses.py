from django.http import HttpResponse

from samenspel.responses import vary_on_htmx


def test_vary_on_htmx_adds_the_header_once_beside_others():
    response = HttpResponse()
    response["Vary"] = "Cookie"
    assert vary_on_htmx(vary_on_htmx(response)) is response
    assert response["Vary"] == "Cookie, HX-Request"
