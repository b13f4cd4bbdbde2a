from articles.html import excerpt, plain_text, sanitize_body
from articles.models import Article


def test_teaser_text_is_cut_at_a_word_boundary_and_marked():
    text = "메타 플랫폼스의 최고수익책임자가 17년 만에 회사를 떠나 스타트업을 창업한다"

    cut = excerpt(text, 30)

    assert cut == "메타 플랫폼스의 최고수익책임자가 17년 만에 회사를…"  # "떠나" would pass the 30th character
    assert len(cut) <= 31


def test_short_text_is_not_cut():
    assert excerpt("짧은 문장", 30) == "짧은 문장"


def test_plain_text_drops_tags_decodes_entities_and_keeps_paragraphs_apart():
    html = "<p>첫 문단&nbsp;끝.</p><h2>소제목</h2><p>AT&amp;T와 &lt;메타&gt;</p>"

    assert plain_text(html) == "첫 문단 끝. 소제목 AT&T와 <메타>"


def test_plain_text_keeps_korean_particles_attached_to_emphasized_words():
    assert plain_text("<p><strong>메타</strong>는 <em>AI</em>에 투자했다.</p><p>다음 문단</p>") == (
        "메타는 AI에 투자했다. 다음 문단"
    )


def test_sanitizer_keeps_news_markup_and_forces_safe_links():
    html = (
        '<h2>제목</h2><p><strong>굵게</strong> <a href="https://example.com/">링크</a></p><blockquote>인용</blockquote>'
    )

    assert sanitize_body(html) == (
        '<h2>제목</h2><p><strong>굵게</strong> <a href="https://example.com/" rel="noopener noreferrer">링크</a></p>'
        "<blockquote>인용</blockquote>"
    )


def test_sanitizer_removes_scripts_styles_frames_and_javascript_links():
    html = (
        '<p style="color:red" onmouseover="x()">글</p><script>alert(1)</script><style>p{}</style>'
        '<iframe src="https://evil.example/"></iframe><a href="javascript:alert(1)">클릭</a><svg><circle/></svg>'
    )

    assert sanitize_body(html) == '<p>글</p><a rel="noopener noreferrer">클릭</a>'


def test_the_teaser_of_a_long_body_is_its_first_words():
    article = Article(body="<p>" + "하나 " * 1000 + "</p><p>둘째 문단</p>")

    assert article.teaser == " ".join(["하나"] * 40) + "…"


def test_the_teaser_of_a_body_opening_with_long_markup_shows_no_markup():
    link = '<a href="https://example.com/' + "x" * 900 + '">첫 문장입니다</a>'
    article = Article(body=f"<p>{link} 둘째 문장은 여기에 있습니다.</p><p>{'가나다 ' * 500}</p>")

    assert article.teaser.startswith("첫 문장입니다 둘째 문장은 여기에 있습니다. 가나다 가나다")
    assert article.teaser.endswith("…")
    assert "x" not in article.teaser and "<" not in article.teaser
