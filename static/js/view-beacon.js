// Counts this reading of the article once the page has loaded: one small POST to the view beacon
// (audience.views.view_beacon). Readers without JavaScript load the page's <noscript> pixel instead.
(function () {
  "use strict";
  const article = document.querySelector("[data-view-beacon]");
  if (!article || !navigator.sendBeacon || !window.crypto) return;

  // A token for this page load, made here so that the page itself is the same for every reader: the server
  // counts a token once, so a beacon that comes again for this load adds nothing. A random UUID, made from
  // getRandomValues because crypto.randomUUID exists only on HTTPS.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  const token = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");

  function send() {
    navigator.sendBeacon(article.dataset.viewBeacon, token);
  }

  // Sent as soon as the page is parsed (a deferred script) rather than at `load`, which waits for every image and
  // banner: a reader who moves on before those arrive has still read the page. A page the browser prerenders in
  // case the reader opens it is read only once it is shown.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
