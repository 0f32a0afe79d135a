"""Browser tests: the built site in Debian's Chromium (Playwright), axe-core and the Nu HTML Checker."""
