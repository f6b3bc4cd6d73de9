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
