"""Makes this folder the package generator.siteconfig of the installed tool (pyproject.toml, [tool.setuptools.package-dir])."""
