"""The application context: what the app runs on, composed in one place.

The GUI, every CLI command and the self-test make one `AppContext` and ask it for what they
need: the data folder, IT's machine configuration, the user's settings (with what IT locked
applied), the loaded packs, IT's signing certificate, this device's public keys and the
key-derivation policy. It creates and unlocks the store (workspace.py wraps the open store in
a `Workspace` of use cases, and this device's private keys live in it: app/device.py).
Nothing else reads the configuration, loads the packs or opens the store.

It is light to make (the first window needs it before anything heavy is imported): the
packs and IT's certificate are read on first use, once, from whichever thread asks first.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rpc_desktop.app import paths
from rpc_desktop.domain.roles import AppRole
from rpc_desktop.store.layout import MIN_PASSPHRASE

__all__ = ["MIN_PASSPHRASE", "AppContext", "KdfPolicy", "calibrated", "configured_packs"]

if TYPE_CHECKING:
    from rpc_desktop.app.config import MachineConfig
    from rpc_desktop.app.settings import Profile, Settings
    from rpc_desktop.documents.device import Device, DevicePublic
    from rpc_desktop.documents.identity import SigningIdentity
    from rpc_desktop.domain.packs import Packs
    from rpc_desktop.store.keys import KdfParams
    from rpc_desktop.store.store import Store

log = logging.getLogger(__name__)

KdfPolicy = Callable[[], "KdfParams"]
"""Gives the Argon2id parameters for a new passphrase. The app's own calibrates them on this
machine (about half a second); tests pass small fixed ones through the context."""


def calibrated(target_seconds: float = 0.5) -> KdfPolicy:
    """Argon2id at the app's memory cost, tuned on this machine to take `target_seconds`."""

    def policy() -> KdfParams:
        from rpc_desktop.store.keys import calibrate

        return calibrate(target_seconds)

    return policy


class AppContext:
    def __init__(
        self,
        home: Path,
        *,
        config: MachineConfig | None = None,
        kdf: KdfPolicy | None = None,
        resources: Path | None = None,
    ) -> None:
        """`config` is IT's file as read from its place (docs/deploying.md) unless given;
        `kdf` calibrates Argon2id on this machine unless given (tests give a fast one)."""
        self.home = home
        """The user's data folder."""
        self.kdf: KdfPolicy = kdf or calibrated()
        self.resources = resources if resources is not None else paths.resources_dir()
        # One lock a part, so the GUI thread never waits on the packs or IT's certificate
        # being read in the unlock worker. Taken in this order only: certificate, then
        # config; settings, then config; packs, then config.
        self._config_lock = threading.Lock()
        self._settings_lock = threading.Lock()
        self._packs_lock = threading.Lock()
        self._certificate_lock = threading.Lock()
        self._config = config
        self._user: Settings | None = None
        self._packs: Packs | None = None
        self._certificate: SigningIdentity | None = None
        self._certificate_read = False
        self._signing_problem = ""

    @classmethod
    def load(
        cls,
        *,
        home: Path | None = None,
        config: MachineConfig | None = None,
        kdf: KdfPolicy | None = None,
        create_home: bool = True,
    ) -> AppContext:
        """The context for this user: RPC_DESKTOP_HOME or the platform's data folder (made,
        private to the user, unless `create_home` is False)."""
        if home is None:
            home = paths.data_home(create=create_home)
        elif create_home:
            paths.make_private(home)
        return cls(home, config=config, kdf=kdf)

    @property
    def config(self) -> MachineConfig:
        """IT's machine-wide configuration, read once, when first asked for (the unlock
        screen shows without it)."""
        with self._config_lock:
            if self._config is None:
                from rpc_desktop.app.config import load

                self._config = load()
            return self._config

    # --- settings ----------------------------------------------------------------------

    @property
    def user_settings(self) -> Settings:
        """What the user (or the app for them) chose, as saved."""
        with self._settings_lock:
            if self._user is None:
                from rpc_desktop.app.settings import load_settings

                self._user = load_settings(self.home)
            return self._user

    @property
    def settings(self) -> Settings:
        """The settings the app runs on: the user's own, where IT has not locked them."""
        from rpc_desktop.app.config import apply

        return apply(self.user_settings, self.config)

    def save_settings(self, **changes: Any) -> None:
        from rpc_desktop.app.settings import load_settings, save_settings

        with self._settings_lock:
            current = self._user if self._user is not None else load_settings(self.home)
            updated = current.model_copy(update=changes)
            save_settings(self.home, updated)
            self._user = updated
        log.info("settings saved: %s", ", ".join(sorted(changes)))

    @property
    def role(self) -> AppRole:
        return self.settings.role

    # --- packs and keys ----------------------------------------------------------------

    @property
    def packs(self) -> Packs:
        """The shipped packs, IT's extra folder and IT's gateway addresses, loaded once."""
        with self._packs_lock:
            if self._packs is None:
                self._packs = configured_packs(self.config, self.resources)
                for error in self._packs.errors:
                    log.warning("pack problem: %s", error)
            return self._packs

    @property
    def fonts_dir(self) -> Path:
        return self.resources / "fonts"

    @property
    def keys_folder(self) -> Path:
        """Where this device's public keys are written (its private keys are in the store)."""
        return self.home / "keys"

    def organisation_certificate(self) -> SigningIdentity | None:
        """IT's organisation certificate for the PDFs, when configured and usable; when it
        is not, why goes with the set-up problems and the device's own certificate signs."""
        with self._certificate_lock:
            if not self._certificate_read:
                from rpc_desktop.app.config import signing_identity
                from rpc_desktop.errors import BundleError

                try:
                    self._certificate = signing_identity(self.config.signing)
                except BundleError as exc:
                    self._signing_problem = str(exc)
                self._certificate_read = True
            return self._certificate

    def one_off_device(self) -> Device:
        """Keys for one headless build with no store unlocked: made in memory, never kept,
        trusted by nobody unless told their fingerprint (IT's certificate still signs the
        PDFs when configured)."""
        from rpc_desktop.documents.device import one_off_device

        return one_off_device(
            organisation=self.settings.profile.organisation,
            pdf_identity=self.organisation_certificate(),
        )

    def device_public(self) -> DevicePublic | None:
        """This device's public keys, from beside the store: what `verify` trusts as this
        device without a passphrase. None before its keys are made."""
        from rpc_desktop.documents.device import read_public

        return read_public(self.keys_folder)

    def preload(self) -> None:
        """Make what the screens after unlock need (the packs, IT's certificate, the
        document layer), so a worker thread pays for it while the user waits anyway."""
        self.packs  # noqa: B018
        self.organisation_certificate()
        import rpc_desktop.documents.bundle  # noqa: F401

    @property
    def signing_problem(self) -> str:
        """Why IT's organisation certificate could not be used (the device's own signs the
        PDFs then), once it has been read; "" when it could, or none is set."""
        return self._signing_problem

    def setup_problems(self) -> list[str]:
        """IT's configuration, or a pack, that did not load as it should: for IT to fix."""
        problems = [*self.config.problems, *(str(e) for e in self.packs.errors)]
        return problems + ([self._signing_problem] if self._signing_problem else [])

    def trusted_by_it(self, role: AppRole) -> set[str]:
        return self.config.trusted_for(role)

    # --- the store ---------------------------------------------------------------------

    def store_exists(self) -> bool:
        from rpc_desktop.store.layout import StorePaths

        return StorePaths(self.home).exists()

    def create_store(
        self,
        passphrase: str,
        *,
        profile: Profile | None = None,
        role: AppRole | None = None,
        actor: str = "",
        recovery_key: Path | None = None,
    ) -> Store:
        """Create the encrypted store (with IT's recovery key when configured) and, from the
        first-run form, save the user's profile and role."""
        from rpc_desktop.store.keys import load_recovery_public_key
        from rpc_desktop.store.store import Store

        source = recovery_key or self.config.recovery_public_key
        recovery = load_recovery_public_key(read_key_file(source)) if source else None
        who = actor or (profile.name if profile else "")
        store = Store.create(
            self.home, passphrase, actor=who, kdf=self.kdf(), recovery_public_key=recovery
        )
        log.info("store created (recovery key: %s)", "yes" if recovery else "no")
        changes: dict[str, Any] = {}
        if profile is not None:
            changes["profile"] = profile
        if role is not None:
            changes["role"] = role
        if changes:
            try:
                self.save_settings(**changes)
            except BaseException:
                store.close(backup=False)  # never left open behind a failed first run
                raise
        return store

    def open_store(self, passphrase: str, *, actor: str | None = None) -> Store:
        """Unlock the store with the passphrase (the user's name is the audit log's actor)."""
        from rpc_desktop.errors import StoreError
        from rpc_desktop.store.store import Store

        who = self.settings.profile.name if actor is None else actor
        try:
            store = Store.open(self.home, passphrase, actor=who)
        except StoreError as exc:
            log.info("unlock refused: %s", type(exc).__name__)
            raise
        log.info("store unlocked")
        return store

    def recover_store(
        self, private_pem: bytes, *, source: Path, actor: str, password: bytes | None = None
    ) -> Store:
        """Open the store with IT's recovery private key (PEM, encrypted with `password` or
        not), for a forgotten passphrase."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        from rpc_desktop.errors import StoreError
        from rpc_desktop.store.store import Store
        from rpc_desktop.store.unlock import key_from_recovery

        encrypted = pem_is_encrypted(private_pem)
        if encrypted and not password:
            raise StoreError(
                f"{source} is encrypted: give its password (--key-password-env NAME names the "
                "environment variable holding it; in a terminal you are asked)."
            )
        try:
            private = serialization.load_pem_private_key(
                private_pem, password if encrypted else None
            )
        except (ValueError, TypeError) as exc:
            if encrypted:
                raise StoreError(f"That is not the password of {source}.") from None
            raise StoreError(f"{source} is not a PEM private key ({exc}).") from exc
        if not isinstance(private, X25519PrivateKey):
            raise StoreError("The recovery key must be an X25519 private key (PEM).")
        key = key_from_recovery(self.home, private)  # the same throttle as a passphrase
        log.info("store opened with the recovery key")
        return Store.open_with_key(self.home, key, actor=actor)

    def restore_backup(self, passphrase: str, source: Path | None = None) -> Path:
        """Put a backup (the newest by default) in place of the database; the current one is
        kept aside. Returns the backup restored."""
        from rpc_desktop.errors import StoreError
        from rpc_desktop.store.backup import list_backups
        from rpc_desktop.store.layout import StorePaths
        from rpc_desktop.store.store import restore
        from rpc_desktop.store.unlock import key_from_passphrase

        store_paths = StorePaths(self.home)
        chosen = source or next(iter(list_backups(store_paths.backups)), None)
        if chosen is None:
            raise StoreError(f"There are no backups in {store_paths.backups}.")
        key = key_from_passphrase(self.home, passphrase)  # the same throttle as unlocking
        restore(store_paths.home, Path(chosen), key)
        log.info("backup restored")
        return Path(chosen)


def pem_is_encrypted(pem: bytes) -> bool:
    """A PEM private key kept under a password ("ENCRYPTED PRIVATE KEY", or the old
    "Proc-Type: 4,ENCRYPTED" header)."""
    return b"ENCRYPTED" in pem[:64]


def read_key_file(path: Path) -> bytes:
    """A key file IT gave (a recovery key, say), or a StoreError saying why it cannot be read."""
    from rpc_desktop.errors import StoreError

    try:
        return path.read_bytes()
    except OSError as exc:
        raise StoreError(f"{path} cannot be read ({exc.strerror or exc}).") from exc


def configured_packs(config: MachineConfig, resources: Path) -> Packs:
    """The shipped packs, IT's extra folder, and IT's gateway addresses, in one place; a
    setting that names a scheme that is not installed is reported with the pack errors."""
    from rpc_desktop.domain.packs import load_packs
    from rpc_desktop.errors import PackError

    extra = [config.extra_packs] if config.extra_packs is not None else []
    packs = load_packs(resources, extra)
    where = str(config.path)
    for scheme_id, address in config.gateway.items():
        scheme = packs.schemes.get(scheme_id)
        if scheme is None:
            packs.errors.append(
                PackError(
                    where, f"names scheme '{scheme_id}', which is not installed", field="gateway"
                )
            )
            continue
        gateway = scheme.gateway.model_copy(update={"email": address})
        packs.schemes[scheme_id] = scheme.model_copy(update={"gateway": gateway})
    for scheme_id in config.enabled_schemes:
        if scheme_id not in packs.schemes:
            packs.errors.append(
                PackError(
                    where,
                    f"names scheme '{scheme_id}', which is not installed",
                    field="enabled_schemes",
                )
            )
    return packs
