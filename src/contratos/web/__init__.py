"""`contratos web`: a local page and HTTP API over the same pipeline as the command line.

app.py holds the routes, security.py the ASGI guards (Host, token, origin, upload size, headers),
analysis.py the worker pool and the private temporary folder, forms.py the page's settings and
answers, page.py the page and docs assets, server.py the start-up, command.py the click command.
Nothing here is imported by the other commands.
"""
