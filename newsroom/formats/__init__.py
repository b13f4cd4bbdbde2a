"""The site's own date and time formats, over Django's for the language (FORMAT_MODULE_PATH)."""
