// Picks one banner per slot among the ones the page lists, in proportion to their weights, shows it, and counts
// the banners shown with one small POST (ads.views.banners_seen). The page lists every running banner of a slot,
// heaviest first, with only the first shown: it is the same for every reader, so any cache may keep it, and a
// reader without JavaScript sees that first one and loads its <noscript> pixel instead.
(function () {
  "use strict";
  const slots = document.querySelectorAll("[data-banner-slot]");
  if (!slots.length) return;

  // A number in [0, 1). Tests set window.bannersRandom to choose for themselves.
  function random() {
    if (typeof window.bannersRandom === "function") return window.bannersRandom();
    if (window.crypto) return crypto.getRandomValues(new Uint32Array(1))[0] / 4294967296;
    return Math.random();
  }

  function pick(candidates) {
    const weights = candidates.map((candidate) => Number(candidate.dataset.weight) || 1);
    let point = random() * weights.reduce((sum, weight) => sum + weight, 0);
    for (let i = 0; i < candidates.length; i++) {
      point -= weights[i];
      if (point < 0) return candidates[i];
    }
    return candidates[candidates.length - 1];
  }

  const shown = [];
  let beacon = null;
  slots.forEach((slot) => {
    const candidates = Array.from(slot.querySelectorAll("[data-banner]"));
    if (!candidates.length) return;
    const chosen = candidates.length > 1 ? pick(candidates) : candidates[0];
    // `hidden` keeps the others from screen readers too; the slot keeps its label and its name.
    candidates.forEach((candidate) => {
      candidate.hidden = candidate !== chosen;
    });
    shown.push(chosen.dataset.banner);
    beacon = beacon || slot.dataset.bannerBeacon;  // absent in an editor's preview
  });
  if (!beacon || !navigator.sendBeacon || !window.crypto) return;

  // A token for this page load, made here so that the page stays the same for every reader: the server counts a
  // token once. A random UUID from getRandomValues, as crypto.randomUUID exists only on HTTPS.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  const token = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  const form = new URLSearchParams({ t: token });
  shown.forEach((id) => form.append("b", id));

  function send() {
    navigator.sendBeacon(beacon, form);
  }

  // A page the browser prerenders in case the reader opens it shows its banners only once it is opened.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
