"""The web app served by `tahub serve` (pages come with the web issue)."""
