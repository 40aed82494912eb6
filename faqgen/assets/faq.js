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

// "Copy the link to question N": the link is the question's permanent address; with a
// clipboard, a click also copies it and says so, visibly and to screen readers (a live region
// that exists from the start, so that its change is announced).
const copyStatus = document.createElement("p");
copyStatus.className = "faq-status-message";
copyStatus.setAttribute("role", "status");
document.body.append(copyStatus);

document.addEventListener("click", async (event) => {
  const link = event.target.closest("a.faq-permalink");
  if (!link || !navigator.clipboard) {
    return;
  }
  event.preventDefault();
  window.history.replaceState(null, "", link.hash);
  try {
    await navigator.clipboard.writeText(link.href);
  } catch {
    window.location.hash = link.hash; // no permission: the address bar shows the link instead
    return;
  }
  copyStatus.textContent = link.dataset.copied;
  window.setTimeout(() => {
    copyStatus.textContent = "";
  }, 4000);
});

// The header's menu and search buttons are labels of the theme's checkboxes: reachable by
// keyboard (tabindex), pressed with Enter or Space, and saying whether what they open is open.
for (const button of document.querySelectorAll("[data-faq-toggle]")) {
  const toggle = document.getElementById(button.dataset.faqToggle);
  const show = () => button.setAttribute("aria-expanded", String(toggle.checked));
  toggle.addEventListener("change", show);
  button.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.stopPropagation(); // the theme's own key handling would toggle it back
      toggle.click();
    }
  });
}

// On narrow screens the menu is a drawer off the screen: while it is closed, nothing in it can
// take the focus (it is inert), so Tab never lands on a link the reader cannot see.
const drawer = document.getElementById("__drawer");
const menu = document.querySelector(".md-sidebar--primary");
const narrow = window.matchMedia("(max-width: 76.234375em)"); // the theme's drawer breakpoint
const settle = () => {
  if (menu) {
    menu.inert = narrow.matches && !drawer.checked;
  }
};
if (drawer) {
  drawer.addEventListener("change", settle);
  narrow.addEventListener("change", settle);
  settle();
}
