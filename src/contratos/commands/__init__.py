"""One module per command of `contratos` (check, scan, checklist, carta, anotar, comparar, reglas, explicar),
with the Spanish help, the shared options and the way a command gets a report; cli.py registers them.
No module here imports the analysis at import time: each command imports what it needs when it runs."""
