// Click-to-load video: the player (and so the video host) is only contacted after the visitor
// asks for it. Without JavaScript the plain link below the placeholder still works.
document.querySelectorAll("[data-video]").forEach((video) => {
  const button = video.querySelector("[data-video-play]");
  const player = video.querySelector("[data-video-player]");
  if (!button || !player) return;
  button.hidden = false;
  const privacy = video.querySelector("[data-video-privacy]");
  if (privacy) privacy.hidden = false;
  button.addEventListener("click", () => {
    const frame = video.querySelector("[data-video-frame]");
    const iframe = player.content.firstElementChild.cloneNode(true);
    frame.replaceChildren(iframe);
    frame.classList.add("video__frame--playing");
    iframe.focus();
  });
});

// Shorter, shareable filter addresses: leave out the filters set to "all" when submitting.
document.querySelectorAll("form.filters").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll("select").forEach((select) => {
      if (!select.value) select.disabled = true;
    });
  });
  // Coming back through the history (back/forward cache) must find the form usable again.
  window.addEventListener("pageshow", () => {
    form.querySelectorAll("select").forEach((select) => {
      select.disabled = false;
    });
  });
});

// The filters sit behind one "Filtrér" control (a <details>), so that on a phone the first
// symbiosis is on the first screen; on wider screens they start open. Without JavaScript they
// open with a click.
document.querySelectorAll("details[data-filters]").forEach((details) => {
  if (window.matchMedia("(min-width: 48rem)").matches) details.open = true;
});
