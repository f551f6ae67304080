"""``python -m moto_kendra.server``: the same as ``moto-kendra-server``."""

from . import main

main()
