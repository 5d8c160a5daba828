"""One module per group of pages; each exposes `router`. PAGES lists the signed-in pages."""

from tahub.web.routes import auth, exports, maps, overview, search, upload

PAGE_MODULES = (auth, overview, maps, upload, search, exports)
PAGES = ("/", "/map", "/upload", "/search", "/search?kind=documents&q=report", "/exports",
         "/account")
