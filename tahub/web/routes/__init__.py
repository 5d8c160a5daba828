"""One module per group of pages; each exposes `router`. PAGES lists the signed-in pages."""

from tahub.web.routes import auth, maps, overview, upload

PAGE_MODULES = (auth, overview, maps, upload)
PAGES = ("/", "/map", "/upload", "/account")
