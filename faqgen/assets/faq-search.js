// Search with Pagefind, in the page's language (Pagefind keeps one index per <html lang>, folds
// accents and stems French). Nothing is downloaded until the reader opens search; each query
// then fetches only the index chunks it needs. Results use the theme's own classes.
const form = document.forms.namedItem("faq-search");
const toggle = document.getElementById("__search");

if (form && toggle) {
  const input = form.elements.namedItem("query");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  const root = new URL(form.dataset.siteRoot.replace(/\/?$/, "/"), window.location.href);
  let pagefind = null; // one promise, so that queries typed while it loads resume in order
  let latest = 0;

  const load = () => {
    pagefind ??= import(new URL("pagefind/pagefind.js", root).href).then(async (engine) => {
      await engine.options({ baseUrl: root.pathname });
      return engine;
    });
    return pagefind;
  };

  // The index separates French elisions (see faqgen/search.py): "l'économie" is searched as
  // "économie", and the separating space is taken out of excerpts again.
  const elision = /(^|\s)(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=\S)/gi;
  const withoutElisions = (query) => query.replace(elision, "$1");
  const readable = (excerpt) => excerpt.replace(/’\u00a0/g, "’");

  const count = (n) => (n === 0 ? form.dataset.none : n === 1 ? form.dataset.one : form.dataset.other.replace("#", n));

  // Each matching question (a heading with its anchor) is a result, at most three per record.
  // An audience page's questions are indexed in parts whose `url` meta is the page's own
  // address (see faqgen/search.py): their anchors are on that page.
  const sections = (result) => {
    const page = result.meta.url && root.pathname + result.meta.url.replace(/^\//, "");
    const anchored = result.sub_results
      .filter((sub) => sub.url.includes("#"))
      .map((sub) => (page ? { ...sub, url: page + "#" + sub.url.split("#")[1] } : sub));
    return (anchored.length ? anchored : [result]).slice(0, 3);
  };

  const item = (section) => {
    const entry = document.createElement("li");
    entry.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = section.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h2");
    title.textContent = section.title || section.meta.title;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = readable(section.excerpt); // Pagefind's excerpt: the page's text, escaped, with <mark>
    article.append(title, excerpt);
    link.append(article);
    entry.append(link);
    return entry;
  };

  const search = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (query === "") {
      meta.textContent = form.dataset.placeholder;
      list.replaceChildren();
      delete list.dataset.query;
      return;
    }
    const engine = await load();
    const found = await engine.debouncedSearch(withoutElisions(query), {}, 150);
    if (found === null || ticket !== latest) {
      return; // a newer query is on its way
    }
    const results = await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
    meta.textContent = count(found.results.length);
    list.replaceChildren(...results.flatMap(sections).map(item));
    list.dataset.query = query; // which query the list answers (typing runs several)
  };

  const open = () => {
    toggle.checked = true;
    load();
  };

  input.addEventListener("input", search);
  input.addEventListener("focus", open); // wide screens show the field in the header
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      input.focus(); // narrow screens open the dialog with the header button
    }
  });
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) {
      toggle.checked = false; // close the dialog when a result on this page is chosen
    }
  });
}
