// Material for MkDocs, named with faqgen's hooks (docs/theme.md: the theme contract). The one
// script that knows the theme's markup: it runs before faq.js and faq-search.js, which find the
// theme's elements by these `faq-` classes only. Moving to another theme means rewriting this
// list (and material.css, overrides/); faqgen's scripts stay as they are.
const THEME_HOOKS = [
  ["#__drawer", "faq-menu-switch"], // the checkbox that opens the menu (a drawer on narrow screens)
  [".md-sidebar--primary", "faq-menu"], // the menu
  ["#__toc", "faq-contents-switch"], // the checkbox that opens the current page's contents in the menu
  [".md-sidebar--primary .md-nav--secondary", "faq-contents"], // those contents
  [".md-sidebar--primary label.md-nav__link[for='__toc']", "faq-contents-button"], // what opens them
  ["#__search", "faq-search-switch"], // the checkbox that opens search
];
for (const [selector, hook] of THEME_HOOKS) {
  for (const element of document.querySelectorAll(selector)) {
    element.classList.add(hook);
  }
}
// Below this width the theme's menu is a drawer off the screen (its breakpoint, 76.25em).
document.querySelector(".faq-menu")?.setAttribute("data-faq-drawer-below", "(max-width: 76.234375em)");
