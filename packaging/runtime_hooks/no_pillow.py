"""PyInstaller runtime hook (see packaging/rpc_desktop.spec): runs before the app starts.

Pillow is left out of the build (6 MB with its codec libraries), but reportlab still runs
`from PIL import Image` when it loads. This PIL gives it Image = None, which reportlab takes
as "no Pillow" (reportlab.lib.utils.haveImages is False): our PDFs draw no raster image.
Any other import of a PIL module still fails with ImportError, as without Pillow.
"""

import sys
import types

if "PIL" not in sys.modules:
    _pil = types.ModuleType("PIL", "Stand-in for Pillow, which this build leaves out.")
    _pil.__path__ = []  # a package with no modules: `import PIL.Image` raises ImportError
    _pil.Image = None
    sys.modules["PIL"] = _pil
