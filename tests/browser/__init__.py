"""Browser journeys (Playwright + axe-core); helpers live in conftest."""
