"""Kendra's URLs, in moto's urls-module convention (read by BaseBackend.urls)."""

from .responses import handle

url_bases = [r"https?://kendra(?:-fips)?\.(.+)\.amazonaws\.com"]

url_paths = {"{0}/$": handle}
