// Keeps this editor's advisory lock on the article alive and shows who else has it open.
(function () {
  "use strict";
  const box = document.getElementById("edit-lock");
  if (!box) return;
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");

  async function beat() {
    try {
      const response = await fetch(box.dataset.lockUrl, {
        method: "POST",
        headers: { "X-CSRFToken": token ? token.value : "" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const state = await response.json();
      box.textContent = state.message;
      box.classList.toggle("edit-lock--quiet", !state.message);
    } catch (error) {
      // Offline for a moment: the lock simply expires; the save guard still protects the text.
    }
  }

  window.setInterval(beat, Number(box.dataset.interval) || 30000);
})();
