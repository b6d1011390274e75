"""The web UI: server-rendered pages (Jinja2, autoescaped) with a little plain JavaScript.

Every page is a view that builds one data dict; ``.json`` on its path (or ``?format=json``)
returns that dict instead of the page.
"""

from newsgraph.web.views import STATIC_DIR, web_router

__all__ = ["STATIC_DIR", "web_router"]
