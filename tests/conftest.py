"""Fixtures shared by every suite (each is started only by the tests that ask for it)."""

pytest_plugins = ["tests.support.playwright_fixtures"]
