// Autosave in the article form: what is typed (headline, subheadline, summary, body) is kept as the editor's own
// copy on the server every few seconds while it changes, and when the page is left; never a save of the article.
// Never sent in the middle of an IME composition (a Korean syllable being built), but as soon as it ends.
// Also: offers back a kept copy newer than the article, and asks before leaving a form with unsaved changes.
// Loaded in the head without defer, so that it hears the editor's prose-editor:ready, which may come before any
// deferred script runs; the rest waits for the page.
(() => {
  "use strict";

  let editor = null; // the body's prose editor, once it is up
  document.addEventListener("prose-editor:ready", (event) => {
    if (event.detail.textarea.name === "body") editor = event.detail.editor;
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  function start() {
    const status = document.getElementById("autosave-status");
    if (!status) return;
    const form = status.closest("form");
    const FIELDS = ["headline", "subheadline", "summary", "body"];
    const interval = Number(status.dataset.interval) || 25000;
    const article = status.dataset.article ? Number(status.dataset.article) : null;
    const offer = document.getElementById("autosave-offer");
    let composing = false;
    let afterComposition = false; // a tick came during a composition: autosave once it ends
    let inFlight = null; // what the autosave on its way holds
    let stopped = false; // someone saved since the form was opened: nothing more is kept over their save
    let submitting = false;
    let undecided = Boolean(offer); // a kept copy is on offer: keep nothing over it until it is restored or discarded
    let initialForm = null;

    function field(name) {
      return form.elements.namedItem(name);
    }

    function typed() {
      const values = {};
      for (const name of FIELDS) values[name] = field(name) ? field(name).value : "";
      return values;
    }

    // The whole form as it would be posted (files aside), to tell whether anything is left unsaved.
    function wholeForm() {
      const pairs = [];
      for (const [name, value] of new FormData(form)) {
        if (typeof value === "string" && name !== "csrfmiddlewaretoken") pairs.push([name, value]);
      }
      return JSON.stringify(pairs);
    }

    let lastKept = JSON.stringify(typed());

    function show(message, isError) {
      status.textContent = message;
      status.classList.toggle("autosave-status--error", Boolean(isError));
    }

    function request(values, { leaving = false, discard = false } = {}) {
      const token = field("csrfmiddlewaretoken");
      const payload = discard
        ? { article, discard: true }
        : { article, ...values, loaded_version: field("loaded_version") ? field("loaded_version").value : "" };
      const body = JSON.stringify(payload);
      return fetch(status.dataset.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
        body,
        // Lets the request outlive the page; browsers take only small ones (64 KB) that way.
        keepalive: leaving && body.length < 60000,
      });
    }

    async function answer(response) {
      try {
        return await response.json();
      } catch (error) {
        return {};
      }
    }

    async function autosave({ leaving = false } = {}) {
      if (stopped || submitting) return;
      const values = typed();
      const snapshot = JSON.stringify(values);
      // Leaving does not wait for an autosave in flight of something older: the page may take that one with it.
      if (snapshot === lastKept || snapshot === inFlight || (inFlight && !leaving)) return;
      if (undecided) return show("자동 저장본을 되살리거나 버리면 그때부터 자동 저장합니다.", false);
      inFlight = snapshot;
      try {
        const response = await request(values, { leaving });
        const result = await answer(response);
        if (response.redirected) {
          show("로그인이 끊겨 자동 저장하지 못했습니다. 다른 탭에서 다시 로그인해 주세요.", true);
        } else if (response.ok && result.message) {
          lastKept = snapshot;
          show(result.message, false);
        } else {
          show(result.error || "자동 저장하지 못했습니다. 잠시 뒤에 다시 해 봅니다.", true);
          if (result.stale) stopped = true;
        }
      } catch (error) {
        if (!leaving) show("자동 저장하지 못했습니다. 연결을 확인해 주세요. 잠시 뒤에 다시 해 봅니다.", true);
      } finally {
        if (inFlight === snapshot) inFlight = null;
      }
    }

    function tick() {
      if (composing) {
        afterComposition = true;
        return;
      }
      autosave();
    }

    document.addEventListener("compositionstart", () => (composing = true), true);
    document.addEventListener(
      "compositionend",
      () => {
        composing = false;
        if (!afterComposition) return;
        afterComposition = false;
        // The editor writes the finished syllable into its textarea right after the composition ends.
        window.setTimeout(tick, 100);
      },
      true,
    );
    window.setInterval(tick, interval);

    form.addEventListener("submit", () => (submitting = true));

    // Leaving is the last chance, so it goes even in the middle of a composition: reading the fields does not
    // disturb the IME, and the syllable being composed is already in them.
    // A tab put in the background may never come back (closed, or discarded by a phone): keep what is there.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") autosave({ leaving: true });
    });
    window.addEventListener("pagehide", () => autosave({ leaving: true }));

    window.addEventListener("load", () => (initialForm = wholeForm()));
    window.addEventListener("beforeunload", (event) => {
      if (submitting || initialForm === null || wholeForm() === initialForm) return;
      event.preventDefault();
      event.returnValue = ""; // older Chromium asks only when this is set
    });

    if (!offer) return;

    function restore() {
      const kept = JSON.parse(document.getElementById("autosaved-fields").textContent);
      for (const name of ["headline", "subheadline", "summary"]) {
        if (field(name)) field(name).value = kept[name];
      }
      if (editor) {
        editor.commands.setContent(kept.body, true); // true: the editor writes it into its textarea
      } else if (field("body")) {
        field("body").value = kept.body;
      }
      lastKept = JSON.stringify(typed());
      undecided = false;
      offer.remove();
      show("자동 저장본을 되살렸습니다. 저장해야 기사에 반영됩니다.", false);
    }

    async function discard() {
      try {
        const response = await request(null, { discard: true });
        const result = await answer(response);
        if (!response.ok) return show(result.error || "자동 저장본을 버리지 못했습니다.", true);
        undecided = false;
        offer.remove();
        show(result.message || "자동 저장본을 버렸습니다.", false);
      } catch (error) {
        show("자동 저장본을 버리지 못했습니다. 연결을 확인해 주세요.", true);
      }
    }

    offer.addEventListener("click", (event) => {
      const button = event.target.closest("[data-autosave]");
      if (!button) return;
      if (button.dataset.autosave === "restore") restore();
      else discard();
    });
  }
})();
