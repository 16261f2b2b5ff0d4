"""The test command of each mutant: pytest, with every failure (collection and import errors too) as exit 1.

mutmut 2 counts a mutant as killed only when the tests exit with 1; pytest exits with 2 when a
mutant breaks the module's import, which would otherwise count as a survivor.
"""

import sys

import pytest

if __name__ == "__main__":
    sys.exit(0 if pytest.main(["-x", "-q", "-p", "no:cacheprovider", *sys.argv[1:]]) == 0 else 1)
