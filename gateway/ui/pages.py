"""Every UI route, in one list for create_app."""

from __future__ import annotations

from gateway.ui.auth_pages import AUTH_PAGES

UI_PAGES = [*AUTH_PAGES]
