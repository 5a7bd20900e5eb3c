"""``{% paginatitel %}…{% endpaginatitel %}``: a page's <title>, "<page> – Samenspel", or
just "Samenspel" when the page names none. base.html wraps its title block in it: Django
offers no way to ask whether a child template filled a block."""

from django import template
from django.utils.html import conditional_escape

register = template.Library()

SITE = "Samenspel"


class PaginatitelNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist  # the block inside stays visible to {% extends %}

    def render(self, context):
        # The block's output is already escaped; only whitespace is folded.
        titel = " ".join(self.nodelist.render(context).split())
        return f"{titel} – {SITE}" if titel else conditional_escape(SITE)


@register.tag
def paginatitel(parser, token):
    nodelist = parser.parse(("endpaginatitel",))
    parser.delete_first_token()
    return PaginatitelNode(nodelist)
