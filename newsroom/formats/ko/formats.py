"""Korean newsroom times: the 24-hour clock a desk works by (14:05, not 오후 2:05), as on every page of the site.
Anything not set here is Django's Korean format."""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y년 n월 j일 H:i"
