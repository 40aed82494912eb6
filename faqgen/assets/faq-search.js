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
    pagefind.catch(() => {
      pagefind = null; // not kept: the next query tries again
    });
    return pagefind;
  };

  // The index separates French elisions (see faqgen/search.py): "l'économie" is searched as
  // "économie", and the separating space is taken out of excerpts again.
  const ELIDED = "[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu"; // as faqgen/search.py's ELISION
  const elision = new RegExp(`(^|\\s)(?:${ELIDED})['’](?=\\S)`, "gi");
  const separated = new RegExp(`(?<!\\p{L})((?:${ELIDED})’)[ \\u00a0]`, "giu"); // "l’ une" in titles and excerpts
  const withoutElisions = (query) => query.replace(elision, "$1");
  const readable = (text) => text.replace(separated, "$1");

  const count = (n) => (n === 0 ? form.dataset.none : n === 1 ? form.dataset.one : form.dataset.other.replace("#", n));

  // Each matching question (a heading with its anchor) is a result of its own, ranked across
  // every record: first by how many different words of the query it holds (Pagefind gives the
  // positions of its matched words in the record's text), then by Pagefind's scores of them.
  // An audience page's questions are indexed in parts whose `url` meta is the page's own
  // address (see faqgen/search.py): their anchors are on that page.
  const score = (section) => (section.weighted_locations || []).reduce((sum, word) => sum + word.balanced_score, 0);
  const normal = (word) => word.toLowerCase().normalize("NFD").replace(/[^\p{L}\p{N}]/gu, "");
  const covered = (section, words) => new Set((section.locations || []).map((at) => normal(words[at] || ""))).size;
  const sections = (result) => {
    const page = result.meta.url && root.pathname + result.meta.url.replace(/^\//, "");
    const words = (result.content || "").split(/\s+/);
    const anchored = result.sub_results
      .filter((sub) => sub.url.includes("#"))
      .map((sub) => (page ? { ...sub, url: page + "#" + sub.url.split("#")[1] } : sub));
    return (anchored.length ? anchored : [result]).map((section) => ({
      ...section,
      page: result.meta.title,
      rank: [covered(section, words), score(section)],
    }));
  };
  const better = (a, b) => b.rank[0] - a.rank[0] || b.rank[1] - a.rank[1];

  const item = (section) => {
    const entry = document.createElement("li");
    entry.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = section.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const where = document.createElement("p");
    where.className = "faq-search-page";
    where.textContent = readable(section.page || "");
    const title = document.createElement("h2");
    title.textContent = readable(section.title || section.meta.title);
    const excerpt = document.createElement("p");
    excerpt.innerHTML = readable(section.excerpt); // Pagefind's excerpt: the page's text, escaped, with <mark>
    article.append(where, title, excerpt);
    link.append(article);
    entry.append(link);
    return entry;
  };

  // Records hold up to 20 questions each: the 10 best records hold the best questions.
  const best = async (found) => {
    const results = await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
    return results.flatMap(sections).sort(better);
  };

  // No question holds every word (people type words the text does not use): the questions
  // holding the most of them, each word searched on its own, the same ranking after.
  const closest = async (engine, words) => {
    const byUrl = new Map();
    for (const word of words) {
      for (const question of await best(await engine.search(word))) {
        const seen = byUrl.get(question.url);
        byUrl.set(question.url, seen ? { ...seen, rank: [seen.rank[0] + 1, seen.rank[1] + question.rank[1]] }
                                     : { ...question, rank: [1, question.rank[1]] });
      }
    }
    return [...byUrl.values()].sort(better).slice(0, 20);
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
    let engine;
    try {
      engine = await load();
    } catch {
      meta.textContent = form.dataset.failed; // said in the live region; the next keystroke retries
      list.replaceChildren();
      list.dataset.query = query;
      return;
    }
    const found = await engine.debouncedSearch(withoutElisions(query), {}, 150);
    if (found === null || ticket !== latest) {
      return; // a newer query is on its way
    }
    let questions = await best(found);
    const words = withoutElisions(query).split(/\s+/).filter((word) => word.length > 1);
    const partial = questions.length === 0 && words.length > 1;
    if (partial) {
      questions = await closest(engine, words);
    }
    if (ticket !== latest) {
      return;
    }
    meta.textContent = partial && questions.length ? form.dataset.partial.replace("#", questions.length) : count(questions.length);
    list.replaceChildren(...questions.map(item));
    list.dataset.query = query; // which query the list answers (typing runs several)
  };

  // Search is a dialog that closes when the focus leaves it (the non-modal model of the WAI-ARIA
  // dialog pattern): focus goes into it when it opens, Escape or Tab out of it closes it, and
  // Escape returns the focus to what opened it. So the focus is never behind it, and the page
  // is not made inert (the focus must be able to leave into it).
  const panel = document.querySelector(".md-search");
  let opener = null;
  const open = () => {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load();
  };
  const close = (returnFocus) => {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    if (returnFocus && opener && opener !== input && document.contains(opener)) {
      opener.focus();
    } else if (returnFocus) {
      input.blur();
    }
    opener = null;
  };
  const results = () => [...list.querySelectorAll("a")];

  input.addEventListener("input", () => {
    open();
    search();
  });
  input.addEventListener("focus", () => {
    opener ??= input; // wide screens show the field in the header
    open();
  });
  panel.addEventListener("keydown", (event) => {
    const links = results();
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  panel.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !panel.contains(event.relatedTarget)) {
      close(false); // Tab (or a click) took the focus out of the dialog
    }
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault(); // the theme's shortcut, as its own search had it
      opener = document.activeElement;
      open();
      input.focus();
    }
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== input) {
      opener ??= document.activeElement;
      input.focus(); // narrow screens open the dialog with the header button
    }
  });
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) {
      close(false); // a result on this page was chosen
    }
  });
}
