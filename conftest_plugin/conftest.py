"""An application's conftest: load moto-kendra's fixtures explicitly."""

pytest_plugins = ["moto_kendra.pytest_plugin"]
