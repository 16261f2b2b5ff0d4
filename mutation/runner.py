"""The test command of each mutant: pytest, with every failure (collection and import errors too) as exit 1.

mutmut 2 counts a mutant as killed only when the tests exit with 1; pytest exits with 2 when a
mutant breaks the module's import, which would otherwise count as a survivor.

With MUTATION_KILLS set to a file, each run also appends the test file of its first failure to
it ("-" when every test passed, "error" when none ran): with the test files listed oldest first,
one run then gives the score before new tests (mutants first failed by the old files) and after.
"""

import os
import sys

import pytest


class FirstFailure:
    """The test file of the first test that failed."""

    file = None

    def pytest_runtest_logreport(self, report):
        if report.failed and self.file is None:
            self.file = report.nodeid.split("::")[0]


if __name__ == "__main__":
    first = FirstFailure()
    # Hypothesis's pytest plugin imports all of Hypothesis (about a second a run) even for test files
    # that never use it; @given tests run the same without the plugin.
    code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest", *sys.argv[1:]],
                       plugins=[first])
    if os.environ.get("MUTATION_KILLS"):
        os.makedirs(os.path.dirname(os.path.abspath(os.environ["MUTATION_KILLS"])), exist_ok=True)
        with open(os.environ["MUTATION_KILLS"], "a", encoding="utf-8") as log:
            log.write(f"{first.file or ('-' if code == 0 else 'error')}\n")
    sys.exit(0 if code == 0 else 1)
