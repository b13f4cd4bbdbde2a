"""Who counts as a reader: a person's browser, not a crawler, a link previewer, a script or a prefetch."""

import re

from django.http import HttpRequest

# Crawlers, link previewers, monitors and scripts that announce themselves in User-Agent. Apps that embed a
# browser (the Naver and Daum apps, KakaoTalk's in-app browser) are readers and do not match.
BOT_AGENT = re.compile(
    r"(?<!cu)bot\b|bot/|crawl|spider|slurp|yeti|daumoa|\bdaum/|mediapartners|adsbot|facebookexternalhit|kakaotalk-scrap"
    r"|headlesschrome|lighthouse|pingdom|uptime|monitor|python-|curl/|wget/|httpclient|okhttp|java/|go-http|"
    r"feedfetcher|feedly|inoreader|\bpreview\b|scrap",
    re.IGNORECASE,
)


def is_reader(request: HttpRequest) -> bool:
    """A person reading the page: a GET that is not a prefetch, from a client that does not say it is a bot."""
    return request.method == "GET" and sent_by_a_person(request)


def sent_by_a_person(request: HttpRequest) -> bool:
    """A request, of any method, from a person's browser: not a prefetch, from a client that does not say it is a
    bot. The view beacon is a POST the reader's browser sends with its own User-Agent."""
    agent = request.headers.get("User-Agent", "")
    prefetch = request.headers.get("Purpose", "") == "prefetch" or request.headers.get("Sec-Purpose", "")
    return bool(agent) and not prefetch and not BOT_AGENT.search(agent)
