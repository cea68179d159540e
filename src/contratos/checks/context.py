"""What every check may consult besides the analysis: the parties and the user's settings."""
from __future__ import annotations

from dataclasses import dataclass

from .parties import Parties


@dataclass
class Context:
    parties: Parties
    perspective: str = "prestador"  # whose side the report takes: "prestador" or "cliente"
    max_payment_days: int = 60

    @property
    def own_role(self) -> str:
        return "provider" if self.perspective == "prestador" else "client"
