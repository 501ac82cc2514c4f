"""Save a PNG of every screen and wizard page, for people to look at (`make screenshots`).

Uses a throwaway data folder with the demo family; runs offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = ROOT / "screenshots"
PASSPHRASE = "screenshots passphrase"  # noqa: S105 - a throwaway store


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="rpc-shots-"))
    os.environ["RPC_DESKTOP_HOME"] = str(home)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyleSheet((ROOT / "ui" / "app.qss").read_text(encoding="utf-8"))

    from rpc_desktop.domain.casefile import read_case
    from rpc_desktop.gui.main_window import MainWindow
    from rpc_desktop.store.keys import KdfParams
    from rpc_desktop.store.store import Store

    OUT.mkdir(exist_ok=True)
    window = MainWindow(home=home)
    window.resize(1280, 860)
    window.show()
    shots = 0

    def shot(name: str) -> None:
        nonlocal shots
        app.processEvents()
        window.grab().save(str(OUT / f"{shots:02d}-{name}.png"))
        shots += 1

    shot("first-run")
    store = Store.create(home, PASSPHRASE, kdf=KdfParams(2, 8 * 1024, 1), actor="Demo")
    store.add_case(read_case(ROOT / "resources" / "demo" / "case.json"), page="scheme")
    store.close(backup=False)
    window.close()
    window = MainWindow(home=home)
    window.resize(1280, 860)
    window.show()
    shot("unlock")
    window.opened(Store.open(home, PASSPHRASE))
    shot("case-list")
    window.open_case("RPC-DEMO-0001", "scheme")
    assert window.host is not None
    wizard = window.host.wizard
    seen = set()
    while True:
        step = wizard.current_step()
        if step.id in seen:
            break
        seen.add(step.id)
        shot(f"wizard-{step.id}")
        if wizard.nextId() == -1:
            break
        wizard.next()
    flagged = read_case(ROOT / "resources" / "demo" / "case.json")
    assert flagged.screening_a is not None
    flagged = flagged.model_copy(
        update={
            "reference": "RPC-DEMO-0002",
            "screening_a": flagged.screening_a.model_copy(
                update={"answers": {**flagged.screening_a.answers, "phone-checking": "often"}}
            ),
        }
    )
    assert window.store is not None
    window.store.add_case(flagged, page="da-stop")
    window.open_case("RPC-DEMO-0002")
    shot("wizard-da-stop-oversight")
    window.lock(hide=True)
    shot("quick-hide")
    window.close()
    print(f"saved {shots} screenshots in {OUT}")


if __name__ == "__main__":
    main()
