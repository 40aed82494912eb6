// Switching language keeps the reader's place: the link already names the equivalent page
// (mkdocs-static-i18n), and question anchors are the same in both languages, so add the anchor.
// Captured before the theme's own handler, which would otherwise re-route the click through a
// sitemap lookup and drop the anchor.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest(".md-select a[hreflang]");
    if (!link) {
      return;
    }
    event.stopPropagation();
    link.href = link.href.split("#")[0] + window.location.hash;
  },
  true,
);
