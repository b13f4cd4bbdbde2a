// "사진 올려서 넣기" under the article body editor: uploads the chosen image through the photos app (which
// checks, cleans and resizes it), then puts it into the body as <figure><img alt><figcaption> at the cursor, with
// a new paragraph after it where the cursor goes: typing on writes the article, not the photo's caption.
(() => {
  "use strict";

  const editors = new Map(); // textarea id → the editor django-prose-editor made for it

  document.addEventListener("prose-editor:ready", (event) => {
    editors.set(event.detail.textarea.id, event.detail.editor);
  });

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function figureHtml(photo, caption, credit) {
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = photo.url;
    img.alt = photo.alt;
    figure.appendChild(img);
    // The credit is the source alone (윤슬 기자); a 사진= typed before it is not written twice.
    const source = credit.trim().replace(/^사진\s*=\s*/, "");
    const text = [caption, source ? `사진=${source}` : ""].filter(Boolean).join(" ");
    if (text) {
      const figcaption = document.createElement("figcaption");
      figcaption.textContent = text;
      figure.appendChild(figcaption);
    }
    return figure.outerHTML;
  }

  async function upload(box) {
    const status = box.querySelector(".body-photo__status");
    const file = box.querySelector("[name=body_photo_file]").files[0];
    const alt = box.querySelector("[name=body_photo_alt]").value.trim();
    const caption = box.querySelector("[name=body_photo_caption]").value.trim();
    const credit = box.querySelector("[name=body_photo_credit]").value.trim();
    if (!file) return (status.textContent = "올릴 사진 파일을 고르세요.");
    if (!alt) return (status.textContent = "대체 텍스트를 적어 주세요. 출고하려면 꼭 있어야 합니다.");
    const editor = editors.get(box.dataset.bodyPhoto);
    if (!editor) return (status.textContent = "편집기가 아직 준비되지 않았습니다.");

    const data = new FormData();
    data.append("image", file);
    data.append("alt_text", alt);
    data.append("caption", caption);
    data.append("credit", credit);
    status.textContent = "올리는 중…";
    try {
      const response = await fetch(box.dataset.uploadUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (!response.ok) return (status.textContent = answer.error || "사진을 올리지 못했습니다.");
      editor.chain().focus().insertContent(`${figureHtml(answer, caption, credit)}<p></p>`).run();
      status.textContent = "본문에 사진을 넣었습니다.";
      box.querySelectorAll("input").forEach((input) => (input.value = ""));
    } catch (error) {
      status.textContent = "사진을 올리지 못했습니다. 연결을 확인하고 다시 해 보세요.";
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest(".body-photo button");
    if (button) upload(button.closest(".body-photo"));
  });
})();
