"""Makes this folder the package generator.schema of the installed tool (pyproject.toml, [tool.setuptools.package-dir])."""
