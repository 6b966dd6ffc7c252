"""Domain data kept as files (phrase lists, bands, codes, concepts), loaded by the modules that use them."""
