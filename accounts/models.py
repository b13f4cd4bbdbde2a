from django.conf import settings
from django.db import models


class StaffSession(models.Model):
    """One signed-in session of a staff account, recorded at sign-in so that it can be found again: to list where
    someone is signed in, and to end those sessions when their role or password changes or they ask for it. The
    session itself lives in the session store (settings.SESSION_ENGINE); this row only names it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_sessions", verbose_name="사용자"
    )
    session_key = models.CharField("세션 키", max_length=40, unique=True)
    signed_in_at = models.DateTimeField("로그인 시각")
    last_activity = models.DateTimeField(
        "마지막 활동", help_text="1분 단위로 기록됩니다. 편집 잠금 확인은 넣지 않습니다."
    )
    # Where the last activity came from.
    address = models.CharField("접속 주소", max_length=45, blank=True)
    user_agent = models.CharField("브라우저", max_length=300, blank=True)

    class Meta:
        ordering = ["-last_activity"]
        verbose_name = "로그인 세션"
        verbose_name_plural = "로그인 세션"

    def __str__(self) -> str:
        return f"{self.user} · {self.address or '주소 없음'} · {self.signed_in_at:%Y-%m-%d %H:%M}"

    @property
    def browser(self) -> str:
        """The browser and system in a few words (Chrome · Windows), from the User-Agent; the 관리자 reading the
        list needs to tell a laptop from a phone, not the version."""
        agent = self.user_agent
        if not agent:
            return "알 수 없음"
        names = [("Edg/", "Edge"), ("Whale/", "Whale"), ("SamsungBrowser/", "삼성 인터넷"), ("Firefox/", "Firefox")]
        names += [("Chrome/", "Chrome"), ("Safari/", "Safari")]
        systems = [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows")]
        systems += [("Mac OS X", "macOS"), ("Linux", "Linux")]
        name = next((label for marker, label in names if marker in agent), "")
        system = next((label for marker, label in systems if marker in agent), "")
        return " · ".join(part for part in [name, system] if part) or agent[:60]
