"""Domain data kept as files (phrase lists, bands, codes), loaded by the modules that use them."""
