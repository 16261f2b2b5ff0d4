"""Makes this folder the package generator.templates of the installed tool (pyproject.toml, [tool.setuptools.package-dir])."""
