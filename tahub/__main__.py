from tahub.cli import app

app()
