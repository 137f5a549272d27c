# SPDX-License-Identifier: GPL-2.0-only
# Sphinx configuration for ./vpnlab docs (sphinx-build doc build-docs): the module's one document.
project = "vpn"
root_doc = "vpn"
exclude_patterns = []
html_theme = "alabaster"
