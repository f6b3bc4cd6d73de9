"""Editors hear of videos whose player could not be fetched, in Danish: when they publish, and
each time they open the page in the admin, until a publish fetches it. (Registered with
Wagtail's hooks from PagesConfig.ready().)"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from .embeds import provider_name, unresolved_videos


def video_warning(video):
    return _(
        "The video “%(title)s” (%(url)s) could not be fetched from %(provider)s. Visitors see "
        "a link to the video instead of the player. Check the address and publish the page "
        "again."
    ) % {"title": video["title"], "url": video["url"], "provider": provider_name(video["url"])}


@hooks.register("after_publish_page")
def warn_when_publishing(request, page):
    for video in unresolved_videos(page):
        messages.warning(request, video_warning(video))


@hooks.register("before_edit_page")
def warn_when_editing(request, page):
    if request.method == "GET" and page.live:
        for video in unresolved_videos(page):
            messages.warning(request, video_warning(video))
