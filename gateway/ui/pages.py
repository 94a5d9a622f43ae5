"""Every UI route, in one list for create_app."""

from __future__ import annotations

from gateway.ui.admin_page import ADMIN_PAGES
from gateway.ui.audit_page import AUDIT_PAGES
from gateway.ui.auth_pages import AUTH_PAGES
from gateway.ui.chat_page import chat_page

UI_PAGES = [*AUTH_PAGES, *AUDIT_PAGES, *ADMIN_PAGES, chat_page]
