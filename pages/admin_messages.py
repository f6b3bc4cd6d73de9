"""Wagtail's own upload messages that its Danish catalogue leaves untranslated.

Listing them here puts them in our catalogue (locale/da), which takes precedence, so every
refused upload is explained to editors in Danish.
"""

from django.utils.translation import gettext_noop

WAGTAIL_MESSAGES = [
    gettext_noop("Not a supported image format. Supported formats: %(supported_formats)s."),
    gettext_noop(
        "Not a valid .%(extension)s image. The extension does not match the file format "
        "(%(image_format)s)"
    ),
    gettext_noop("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
    gettext_noop(
        "This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."
    ),
    gettext_noop(
        "Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."
    ),
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
]
