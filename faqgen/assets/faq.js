// Switching language keeps the reader's place: the link already names the equivalent page
// (mkdocs-static-i18n), and question anchors are the same in both languages, so add the anchor.
// Captured before the theme's own handler, which would otherwise re-route the click through a
// sitemap lookup and drop the anchor.
document.addEventListener(
  "click",
  (event) => {
    const link = event.target.closest("a.faq-language-toggle");
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

// The header's menu and search buttons, and the menu's "table of contents" for the current page
// on narrow screens, open what the theme's checkboxes open: pressed with a click, Enter or
// Space, and saying whether what they open is open. (The header's are buttons; the table of
// contents' is the theme's label, made reachable by keyboard.)
const keyboardToggle = (button, toggle) => {
  const show = () => button.setAttribute("aria-expanded", String(toggle.checked));
  toggle.addEventListener("change", show);
  show();
  button.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault(); // no click of its own: the toggle is pressed once, here
      event.stopPropagation(); // the theme's own key handling would toggle it back
      toggle.click();
    }
  });
  if (button.tagName === "BUTTON") {
    button.addEventListener("click", () => toggle.click()); // a label does this by itself
  }
};
for (const button of document.querySelectorAll("[data-faq-toggle]")) {
  keyboardToggle(button, document.getElementById(button.dataset.faqToggle));
}

// On narrow screens the menu is a drawer off the screen, and the current page's table of
// contents a panel inside it, shown on demand: while closed, nothing in them can take the
// focus (they are inert), so Tab never lands on a link the reader cannot see.
// The theme's elements, by the names material.js gives them.
const drawer = document.querySelector(".faq-menu-switch");
const menu = document.querySelector(".faq-menu");
const contents = document.querySelector(".faq-contents-switch");
const contentsPanel = menu && menu.querySelector(".faq-contents");
const contentsButton = menu && menu.querySelector(".faq-contents-button");
const narrow = window.matchMedia(menu?.dataset.faqDrawerBelow || "not all");
const settle = () => {
  if (menu) {
    menu.inert = narrow.matches && !drawer.checked;
  }
  if (contentsPanel && contents) {
    contentsPanel.inert = narrow.matches && !contents.checked;
  }
};
if (contentsButton && contents) {
  contentsButton.tabIndex = 0;
  contentsButton.setAttribute("role", "button");
  keyboardToggle(contentsButton, contents);
  contents.addEventListener("change", settle);
}
if (drawer) {
  drawer.addEventListener("change", settle);
  narrow.addEventListener("change", settle);
  settle();
}

// Open on a narrow screen, the drawer covers the page: it behaves as the search dialog does
// (faq-search.js), in the non-modal model of the WAI-ARIA dialog pattern. Opening it moves the
// focus to its first link; Escape closes it and returns the focus to the menu button; the
// focus leaving it (Tab past its last link) closes it, so no focus lands on the covered page.
const menuButton = document.querySelector(".faq-toggle--drawer");
if (drawer && menu && menuButton) {
  const close = () => {
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
  };
  drawer.addEventListener("change", () => {
    if (drawer.checked && narrow.matches && !menu.contains(document.activeElement)) {
      // the first link shown (the menu's title holds the theme's logo link, hidden: material.css)
      [...menu.querySelectorAll("a[href]")].find((link) => link.offsetParent !== null)?.focus();
    }
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer.checked && narrow.matches) {
      event.preventDefault();
      close();
      menuButton.focus();
    }
  });
  menu.addEventListener("focusout", (event) => {
    if (drawer.checked && narrow.matches && event.relatedTarget && !menu.contains(event.relatedTarget)) {
      close();
    }
  });
}
