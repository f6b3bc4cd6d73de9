"""Write the English Symbiose Hillerød brochure PDF.

Usage: python scripts/build_brochure.py OUT.pdf  (no Django settings needed)
"""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/build_brochure.py OUT.pdf")
    sys.path.insert(0, str(REPO_ROOT))
    from pages.launch.brochure import build_brochure

    data = build_brochure()
    Path(sys.argv[1]).write_bytes(data)
    print(f"wrote {sys.argv[1]} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
