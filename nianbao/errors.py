"""Two error families: errors for the person at the keyboard, and bugs (plain exceptions)."""


class UserError(Exception):
    """Something wrong with the user's file, question or settings; the message says what to do."""


class BadReportFile(UserError):
    """A file that cannot be read as a report (empty, binary, not a report, ...)."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def from_chromadb(e: BaseException) -> bool:
    """The passage index's own failure (chromadb raises its errors and plain ones from its bindings)."""
    return type(e).__module__.split(".")[0] == "chromadb"
