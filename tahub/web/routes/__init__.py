"""One module per group of pages; each exposes `router`. PAGES lists the signed-in pages."""

from tahub.web.routes import auth, overview

PAGE_MODULES = (auth, overview)
PAGES = ("/", "/account")
