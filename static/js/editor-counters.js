// 글자수 and 원고지 매수 under the article body editor (django-prose-editor), live while the editor types,
// including the Hangul syllable still being composed by the IME.
//
// The count is of the text a reader sees: tags dropped, white space folded as the browser folds it, each block
// (paragraph, heading, list item, line after a <br>) trimmed. Breaks between blocks count as nothing.
// 원고지 매수 is 200-character sheets (spaces included), rounded up.
(() => {
  "use strict";

  const SHEET = 200;
  const BLOCK_TAGS = new Set([
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "figure", "figcaption", "pre", "div",
  ]);
  const BREAK_TAGS = new Set(["br", "hr"]);
  const segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("ko", { granularity: "grapheme" }) : null;

  // What the eye counts as one character: a syllable typed as separate jamo or an emoji with modifiers is one.
  function characters(text) {
    if (segmenter) {
      let n = 0;
      for (const _ of segmenter.segment(text)) n += 1;
      return n;
    }
    return Array.from(text).length;
  }

  function textBlocks(root) {
    const blocks = [""];
    const visit = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          blocks[blocks.length - 1] += child.data;
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const tag = child.localName;
          if (BREAK_TAGS.has(tag)) {
            blocks.push("");
          } else if (BLOCK_TAGS.has(tag)) {
            blocks.push("");
            visit(child);
            blocks.push("");
          } else {
            visit(child);
          }
        }
      }
    };
    visit(root);
    return blocks.map((block) => block.replace(/\s+/g, " ").trim()).filter(Boolean);
  }

  function count(root) {
    let withSpaces = 0;
    let withoutSpaces = 0;
    for (const block of textBlocks(root)) {
      withSpaces += characters(block);
      withoutSpaces += characters(block.replace(/\s/g, ""));
    }
    return { withSpaces, withoutSpaces, sheets: Math.ceil(withSpaces / SHEET) };
  }

  function countHtml(html) {
    // A parsed, inert document: nothing in it loads or runs.
    return count(new DOMParser().parseFromString(html, "text/html").body);
  }

  function format({ withSpaces, withoutSpaces, sheets }) {
    const n = (value) => value.toLocaleString("ko-KR");
    return `글자수 ${n(withSpaces)}자 (공백 제외 ${n(withoutSpaces)}자) · 원고지 ${n(sheets)}매`;
  }

  function outputFor(textarea) {
    return document.querySelector(`[data-editor-counters="${CSS.escape(textarea.id)}"]`);
  }

  // Before the editor is up (or if its script fails) the textarea's HTML is all there is.
  function showFromTextarea(textarea) {
    const output = outputFor(textarea);
    if (output) output.textContent = format(countHtml(textarea.value));
  }

  function attach(editor, textarea) {
    const output = outputFor(textarea);
    if (!output) return;
    // Counted from the editable DOM: what the writer sees, the syllable being composed included.
    const update = () => {
      output.textContent = format(count(editor.view.dom));
    };
    const wrapper = textarea.closest(".prose-editor") || editor.view.dom;
    // `input` comes from the editable while typing and composing, and from the textarea after every change the
    // editor makes (menu, undo, paste).
    wrapper.addEventListener("input", update);
    wrapper.addEventListener("compositionend", update);
    update();

    keepScrollWhenClickEndsComposition(editor.view);
  }

  // Pressing the mouse outside the editor while a syllable is being composed makes Chromium commit it and scroll
  // the caret into view before the button is released: the page jumps and the click (on 저장, say) is lost.
  function keepScrollWhenClickEndsComposition(view) {
    let before = null;
    document.addEventListener(
      "mousedown",
      (event) => {
        before = view.composing && !view.dom.contains(event.target) ? [window.scrollX, window.scrollY] : null;
      },
      true,
    );
    view.dom.addEventListener("compositionend", () => {
      if (before) window.scrollTo(...before);
      before = null;
    });
    document.addEventListener("mouseup", () => (before = null), true);
  }

  document.addEventListener("prose-editor:ready", (event) => {
    attach(event.detail.editor, event.detail.textarea);
  });
  document.addEventListener("DOMContentLoaded", () => {
    for (const output of document.querySelectorAll("[data-editor-counters]")) {
      const textarea = document.getElementById(output.dataset.editorCounters);
      if (textarea && !output.textContent) showFromTextarea(textarea);
    }
  });

  window.editorCounters = { count, countHtml, format };
})();
