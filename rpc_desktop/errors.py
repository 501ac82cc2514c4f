"""Errors that carry the message a user should read."""

from __future__ import annotations


class RpcError(Exception):
    """Base for errors whose message is written for the person using the app."""


class PackError(RpcError):
    """A questionnaire, screening or scheme file is broken."""

    def __init__(self, path: str, message: str, *, item: str = "", field: str = "", line: int = 0):
        self.path = path
        self.item = item
        self.field = field
        self.line = line
        where = path + (f", line {line}" if line else "")
        what = ", ".join(p for p in (f"item '{item}'" if item else "", field) if p)
        super().__init__(f"{where}: {what + ': ' if what else ''}{message}")


class CaseFileError(RpcError):
    """A case file cannot be read or does not fit the case model."""


class BundleError(RpcError):
    """A bundle cannot be built."""


class NotReadyError(BundleError):
    """The case is not eligible or not complete: the message lists what is missing."""


class NoRecipients(BundleError):
    """No team lead's key is known in full, so a bundle for review cannot be encrypted."""


class VerifyError(RpcError):
    """A bundle is unreadable (not tampered: that is a verification result)."""


class StoreError(RpcError):
    """The local store cannot do what was asked; nothing saved was lost."""


class NoStore(StoreError):
    """There is no store yet on this device."""


class WrongPassphrase(StoreError):
    """The passphrase does not unwrap the data key."""


class WrongRecoveryKey(StoreError):
    """IT's recovery private key does not unwrap the data key."""


class StoreLocked(StoreError):
    """Too many wrong passphrases: wait before the next attempt."""

    def __init__(self, message: str, wait_seconds: float):
        super().__init__(message)
        self.wait_seconds = wait_seconds


class StoreCorrupt(StoreError):
    """The database failed its integrity check; it was moved aside untouched."""

    def __init__(self, message: str, moved_to: str, backups: list[str]):
        super().__init__(message)
        self.moved_to = moved_to
        self.backups = backups


class StoreFull(StoreError):
    """The disk (or the database's size limit) is full; earlier answers are safe."""
