"""``python -m avenue_desk`` behaves exactly like the ``avenue-desk`` command."""

import sys

from avenue_desk.cli.parser import main

if __name__ == "__main__":
    sys.exit(main())
