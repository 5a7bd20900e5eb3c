from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Code for developers and the demo: demo data, city-scale data and benchmarks.

    It sits above every domain app and nothing in production code imports it."""

    name = "devtools"
    verbose_name = "Ontwikkelhulpmiddelen"
