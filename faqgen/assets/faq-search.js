// Search with Pagefind, in the page's language (Pagefind keeps one index per <html lang>, folds
// accents and stems French). Nothing is downloaded until the reader opens search; each query
// then fetches only the index chunks it needs. Results use the theme's own classes, which its
// search partial names (overrides/partials/search.html: data-item-class…).
//
// How results are ranked (docs/reference.md says it for editors, docs/architecture.md in full):
// the query's little words (the language's stop words) are left out, unless it has nothing
// else; Pagefind is asked for each other word on its own, and the questions are ranked here, each
// question a result, as BM25F ranks: by the query's ideas each holds, an idea weighing as rare as
// it is among the questions (so "services" counts for little), more when it is in the question
// itself than in its answer, with diminishing returns and relative to the text's length; the
// sections that summarise or list what questions say (an audience's key points, the glossary)
// count for less. An idea is a word, or a group of equivalents the build gives (faqgen/search.py:
// an abbreviation and what it stands for, synonyms), held when any of its forms is. A word nothing
// holds is replaced by the nearest word of the index; one nothing holds or corrects is named.
const form = document.forms.namedItem("faq-search");
const toggle = document.querySelector(".faq-search-switch"); // named by material.js
const fold = (text) => text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

if (form && toggle) {
  const input = form.elements.namedItem("query");
  const meta = document.querySelector(".faq-search__meta");
  const list = document.querySelector(".faq-search__results");
  const root = new URL(form.dataset.siteRoot.replace(/\/?$/, "/"), window.location.href);
  const lang = document.documentElement.lang;
  let index = null; // one promise, so that queries typed while it loads resume in order
  let latest = 0;

  // The index separates French elisions (see faqgen/search.py): "l'économie" is searched as
  // "économie", and the separating space is taken out of excerpts again.
  const ELIDED = "[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu"; // as faqgen/search.py's ELISION
  const elision = new RegExp(`(^|[^\\p{L}])(?:${ELIDED})['’](?=\\p{L})`, "giu");
  const separated = new RegExp(`(?<!\\p{L})((?:${ELIDED})’)[ \\u00a0]`, "giu"); // "l’ une" in titles and excerpts
  const HIGHLIGHT = "highlight";
  const RECORDS = 16; // records read to rank one query
  const QUESTION_WEIGHT = 3; // a word of the question counts as this many of its answer
  const SATURATION = 1.2; // BM25's k1: how soon more of the same word stops adding
  const LENGTH_EFFECT = 0.75; // BM25's b: how much a section's length discounts what it holds
  const SUMMARY_WEIGHT = 0.6; // what a section that summarises or lists counts for, against a question
  const readable = (text) => text.replace(separated, "$1");
  const wordsOf = (text) =>
    fold(text.replace(elision, "$1")).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1 || /\d/.test(word));

  const load = () => {
    index ??= Promise.all([
      import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
        await pagefind.options({ baseUrl: root.pathname });
        return pagefind;
      }),
      fetch(new URL(`pagefind/faq-search-${lang}.json`, root)).then((response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        return response.json();
      }),
    ]).then(([pagefind, facts]) => indexOf(pagefind, facts));
    index.catch(() => {
      index = null; // not kept: the next query tries again
    });
    return index;
  };

  const indexOf = (pagefind, facts) => {
    const searches = new Map(); // word → Pagefind's results, kept for the visit
    const fragments = new WeakMap(); // a word's result → its record's text and sections holding the word
    const once = (cache, key, get) => {
      if (!cache.has(key)) cache.set(key, get().catch((error) => (cache.delete(key), Promise.reject(error))));
      return cache.get(key);
    };
    return {
      records: Math.max(facts.records, 1),
      sections: Math.max(facts.sections, 1),
      groups: facts.equivalents.map((forms) => forms.map(wordsOf).filter((form) => form.length)),
      littleWords: new Set(facts.stop_words.flatMap(wordsOf)), // split as queries are: "don't" is "don"
      summaries: new Set(facts.summaries), // the anchors of sections that summarise or list
      words: facts.words, // most frequent first
      folded: facts.words.map(fold),
      whole: new Set(facts.words.map(fold)),
      // Every word of the index, and every beginning of one of at least four letters.
      beginnings: new Set(facts.words.map(fold).flatMap((word) => [...word].map((_, end) => word.slice(0, end + 1)).slice(3))),
      found: (word) => once(searches, word, () => pagefind.search(word).then((found) => found.results)),
      data: (result) => once(fragments, result, () => result.data()),
    };
  };

  // The query's ideas, each a list of forms (a form: a list of words).
  const ideasOf = (words, groups) => {
    const rest = [...words];
    const ideas = [];
    for (const forms of groups) {
      for (const form of [...forms].sort((a, b) => b.length - a.length)) {
        const at = rest.findIndex((_, i) => form.every((word, j) => rest[i + j] === word));
        if (at >= 0) {
          rest.splice(at, form.length, null);
          ideas.push(forms);
          break;
        }
      }
    }
    return [...ideas, ...[...new Set(rest.filter((word) => word !== null))].map((word) => [[word]])];
  };

  // The little words of the language (Snowball's stop words, from the build) are neither searched
  // nor scored nor highlighted, unless the query is nothing else: an idea keeps its other words
  // ("loi sur les services en français": loi, services, français, side by side). They are left
  // out before the query's words are matched to equivalents too, so a form is found whatever
  // little words a reader puts in it ("perdre mon emploi" is "perdre leur emploi").
  const withoutLittleWords = (forms, littleWords) =>
    forms.map((form) => form.filter((word) => !littleWords.has(word))).filter((form) => form.length);
  const meaningfulIdeas = (typed, index) => {
    const words = typed.filter((word) => !index.littleWords.has(word));
    if (!words.length) return ideasOf(typed, index.groups);
    const groups = index.groups.map((forms) => withoutLittleWords(forms, index.littleWords)).filter((forms) => forms.length);
    return ideasOf(words, groups);
  };

  // Edits (insert, delete, replace, swap two letters) from a to b, or limit + 1 if more.
  const edits = (a, b, limit) => {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let row = [...Array(b.length + 1).keys()];
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          next[j] = Math.min(next[j], before[j - 2] + 1);
        }
      }
      if (Math.min(...next) > limit) return limit + 1;
      [before, row] = [row, next];
    }
    return row[b.length];
  };

  // The index's most frequent word one edit away (two for long words), as the text spells it.
  const corrected = (index, word) => {
    if (word.length < 6 || /\d/.test(word)) return null; // shorter words have too many neighbours
    const limit = word.length >= 8 ? 2 : 1;
    let best = null;
    for (const [at, known] of index.folded.entries()) {
      const distance = edits(word, known, limit);
      if (distance <= limit && (best === null || distance < best.distance)) {
        best = { word: index.words[at], distance };
        if (distance === 1) break;
      }
    }
    return best && best.word;
  };

  // Pagefind also matches words the query word only begins ("ow" finds "own") or that share a
  // stem's first letters with a typo ("acessibility" finds "a"): a short word must be the word
  // (or its plural), a longer one begin with the first 60 % of it (so "accessibility" is not
  // "access", but "privatisation" is "privatisez").
  const singular = (word) => word.replace(/[sx]$/, "");
  const stem = (word) => word.slice(0, Math.max(4, Math.ceil(word.length * 0.6))); // "privatis" of privatisation
  const matched = (word, inText) =>
    fold(inText || "").split(/[^\p{L}\p{N}]+/u).find((part) =>
      word.length <= 3 ? singular(part) === singular(word) : part.startsWith(stem(word)));

  // The questions in `results` (Pagefind's, of any search) holding `words`: url → { title, page,
  // records, words: word → where it is }. Each place Pagefind found is given to the words it is.
  const sectionsOf = async (index, results, words) => {
    const sections = new Map();
    for (const result of results) {
      const record = await index.data(result);
      const page = record.meta.url && root.pathname + record.meta.url.replace(/^\//, "");
      const text = (record.content || "").split(/\s+/);
      const anchored = record.sub_results.filter((sub) => sub.url.includes("#"));
      // Where each section starts (as Pagefind cuts a record into sections): a section's length
      // is up to the next one's start.
      const starts = record.anchors.filter((a) => /h\d/i.test(a.element) && /\S/.test(a.text || "")).map((a) => a.location);
      for (const sub of anchored.length ? anchored : [record]) {
        const anchor = sub.url.includes("#") ? "#" + sub.url.split("#")[1] : "";
        const url = page ? page + anchor : sub.url; // a part's results are on its page
        const start = sub.anchor?.location ?? 0;
        const length = Math.max(1, (starts.filter((at) => at > start).sort((a, b) => a - b)[0] ?? text.length) - start);
        const section = sections.get(url) ?? { url, page: record.meta.title, title: sub.title || record.meta.title, record: result.id, length, words: new Map() };
        for (const at of sub.weighted_locations || []) {
          for (const word of words) {
            const part = matched(word, text[at.location]);
            const found = section.words.get(word) ?? { text, score: 0, heading: false, marks: [], at: [] };
            if (!part || found.at.includes(at.location)) continue;
            found.score += at.balanced_score;
            found.heading ||= at.weight > 1; // Pagefind weighs words of headings more
            found.marks.push(part);
            found.at.push(at.location);
            section.words.set(word, found);
          }
        }
        if (section.words.size) sections.set(url, section);
      }
    }
    return sections;
  };

  const rank = async (index, query) => {
    const typed = wordsOf(query);
    const spellings = new Map(query.replace(elision, "$1").split(/[^\p{L}\p{N}]+/u).map((word) => [fold(word), word]));
    const fixes = new Map();
    // A word the index does not know is a typo, corrected if it can be, left out if not. Known: a
    // word of the index begins with its first 60 %, or it begins with a word of the index.
    const known = (word) =>
      word.length < 4 || /\d/.test(word) || index.beginnings.has(stem(word)) ||
      [...word].some((_, end) => end >= 3 && index.whole.has(word.slice(0, end + 1)));
    const holding = new Map(); // word → how many records hold it
    const lookUp = async (words) => {
      for (const word of words) if (!holding.has(word)) holding.set(word, (await index.found(word)).length);
    };
    let ideas = meaningfulIdeas(typed, index);
    const sentence = new Set(ideas.flat(2)); // the query's meaning-bearing words
    await lookUp(sentence);
    const absent = []; // words nothing holds and nothing corrects: named to the reader
    ideas = ideas.map((forms) => {
      const [word] = forms[0];
      if (forms.length > 1 || forms[0].length > 1 || (known(word) && holding.get(word) > 0)) return forms;
      const fix = corrected(index, word);
      if (fix) fixes.set(word, fix);
      else absent.push(word);
      return fix ? [wordsOf(fix)] : [];
    });
    ideas = ideas.filter((forms) => forms.length);
    await lookUp(new Set(ideas.flat(2)));
    // An idea no record holds in any of its forms (a phrase's words all there, at least).
    for (const forms of ideas) {
      if (!forms.some((form) => form.every((word) => holding.get(word) > 0))) absent.push(forms[0].join(" "));
    }
    // Words in most records are not read when there are many records (reading each costs a
    // download); they weigh little anyway.
    const present = [...new Set(ideas.flat(2))].filter((word) => holding.get(word) > 0);
    const rare = present.filter((word) => holding.get(word) <= Math.max(index.records / 2, 10));
    const read = rare.length ? rare : present;
    // The records read, at most RECORDS (each costs a download, ~6 KB): the best of all the words
    // together (Pagefind's ranking of the records that hold every word finds the best among many
    // that hold some), then the best of each word in turn.
    const asTyped = read.filter((word) => typed.includes(word) || [...fixes.values()].flatMap(wordsOf).includes(word));
    const together = asTyped.length > 1 ? await index.found(asTyped.join(" ")) : [];
    const each = await Promise.all(read.map((word) => index.found(word)));
    const chosen = new Set(); // record ids
    const choose = (results, limit) => {
      for (const result of results) {
        if (chosen.size >= limit) return;
        chosen.add(result.id);
      }
    };
    // Each search's result carries the places of its own words: read every search's result for
    // the records chosen (one download each: the browser keeps the record's text).
    const readChosen = () => sectionsOf(index, [...together, ...each.flat()].filter((result) => chosen.has(result.id)), read);
    choose(together.slice(0, RECORDS / 2), RECORDS);
    for (let rank = 0; rank < 10 && chosen.size < RECORDS; rank++) {
      choose(each.map((results) => results[rank]).filter(Boolean), RECORDS);
    }
    let sections = [...(await readChosen()).values()];
    // A word Pagefind found by its stem in records that do not hold it as typed ("access" for
    // "accessibility"): up to RECORDS / 2 more of its records.
    const missing = read.filter((word) => !sections.some((section) => section.words.has(word)));
    if (missing.length) {
      choose(missing.flatMap((word) => each[read.indexOf(word)].filter((result) => !chosen.has(result.id))), RECORDS * 1.5);
      sections = [...(await readChosen()).values()];
    }
    // A word's weight: the rarer among questions, the heavier (BM25's inverse document frequency),
    // the count in the records read scaled to all the records that hold it.
    const questionsHolding = (word) => {
      if (!read.includes(word)) return (index.sections * holding.get(word)) / index.records;
      const holders = sections.filter((section) => section.words.has(word));
      const records = new Set(holders.map((section) => section.record)).size;
      return (holders.length * holding.get(word)) / Math.max(records, 1);
    };
    const rarity = (n) => Math.log(1 + (index.sections - n + 0.5) / (n + 0.5));
    const weights = new Map(present.map((word) => [word, rarity(questionsHolding(word))]));
    const weight = (word) => weights.get(word) ?? 0;
    // An idea weighs as rare as it is in any of its forms: "employment counsellor" is no rarer than
    // "service provider" (a phrase is held at most where its rarest word is).
    const ideaWeights = new Map(ideas.map((forms) => {
      const n = Math.max(...forms.map((form) => Math.min(...form.map((word) => (weights.has(word) ? questionsHolding(word) : 0)))));
      return [forms, rarity(n)];
    }));
    const inHeading = (section) => (word) => section.words.get(word)?.heading;
    // Words found side by side: a phrase of the text (elided articles and short words between;
    // the same place for not-for-profit). Where the words of a form are, as a phrase.
    const near = (i, j) => j >= i && j - i <= 3;
    const places = (section, form) => {
      const words = form.filter((word) => read.includes(word));
      const at = (word) => section.words.get(word)?.at || [];
      if (words.length === 0) return [];
      return at(words[0]).flatMap((start) => {
        const chain = [start];
        for (const word of words.slice(1)) {
          const next = at(word).find((j) => near(chain[chain.length - 1], j));
          if (next === undefined) return [];
          chain.push(next);
        }
        return [chain];
      });
    };
    // A section holds a form when it holds each word, and the words of a phrase side by side.
    const holds = (section, form) =>
      form.every((word) => section.words.has(word) || (!read.includes(word) && holding.get(word) > 0)) &&
      (form.every((word) => !read.includes(word)) || places(section, form).length > 0);
    // The word as typed (give or take a plural) counts more than its relatives by stem.
    const exact = (section) => (word) =>
      section.words.get(word)?.marks.some((mark) => singular(mark) === singular(word));
    // What a form found in a section is worth (BM25F): its idea's weight, times how often it is
    // there — the question's own words counting QUESTION_WEIGHT times its answer's — with
    // diminishing returns, relative to the section's length (a long text holds more words by
    // chance); whole words and plurals above words sharing their stem.
    const averageLength = sections.reduce((sum, section) => sum + section.length, 0) / Math.max(sections.length, 1);
    const worth = (section, forms, form) => {
      const count = Math.max(places(section, form).length, 1) + (form.some(inHeading(section)) ? QUESTION_WEIGHT - 1 : 0);
      const norm = 1 - LENGTH_EFFECT + (LENGTH_EFFECT * section.length) / averageLength;
      const saturated = (count * (SATURATION + 1)) / (count + SATURATION * norm);
      return ideaWeights.get(forms) * saturated * (form.some(exact(section)) ? 1.25 : 1);
    };
    const inOrder = typed.filter((word) => sentence.has(word)); // the meaning-bearing words as typed
    const pairs = inOrder.map((word) => fixes.get(word) ?? word).map((word, i, all) => [word, all[i + 1]]).slice(0, -1);
    const ranked = sections.map((section) => {
      let total = 0;
      let best = { weight: 0, places: [] }; // the heaviest idea found: the excerpt shows it
      const marked = new Set();
      for (const forms of ideas) {
        const held = forms.filter((form) => holds(section, form));
        for (const form of held) {
          const found = places(section, form);
          found.flat().forEach((at) => marked.add(at));
          const heft = worth(section, forms, form);
          if (heft > best.weight && found.length) best = { weight: heft, places: found };
        }
        total += Math.max(0, ...held.map((form) => worth(section, forms, form)));
      }
      let phrase = null; // two words typed side by side and found so: the excerpt shows them first
      for (const [a, b] of pairs) {
        const found = places(section, [a, b]);
        if (found.length) total += Math.min(weight(a), weight(b)) / 2;
        phrase ??= found[0];
      }
      if (index.summaries.has(section.url.split("#")[1])) total *= SUMMARY_WEIGHT;
      const [text] = [...section.words.values()].map((found) => found.text);
      return {
        ...section,
        excerpt: { text, centre: (phrase || best.places[0] || [0])[0], marked },
        // The words to mark on the landing page, as its highlighter reads words (letters and
        // digits): of a place's text ("not-for-profit", "x](javascript:…"), the words found.
        marks: [...new Set([...marked].flatMap((at) =>
          (text[at].match(/[\p{L}\p{N}]+/gu) || []).filter((part) => read.some((word) => matched(word, part)))))],
        rank: [total, [...section.words.values()].reduce((sum, found) => sum + found.score, 0)],
      };
    });
    ranked.sort((a, b) => b.rank[0] - a.rank[0] || b.rank[1] - a.rank[1]);
    const questions = ranked.filter((section) => section.rank[0] > 0); // a phrase's words apart are no match
    const spelled = fixes.size ? typed.map((word) => fixes.get(word) ?? word).join(" ") : null;
    const unheld = questions.length > 0 ? absent.map((word) => spellings.get(word) ?? word) : [];
    return { questions: questions.slice(0, 50), missing: unheld, spelled };
  };

  const count = (n) => (n === 0 ? form.dataset.none : n === 1 ? form.dataset.one : form.dataset.other.replace("#", n));

  // Thirty words of the record's text around the rarest word found, the words found marked;
  // elided articles joined to their word again ("l’ une" in the index, "l’une" here).
  const elided = new RegExp(`^(?:${ELIDED})’$`, "i");
  const excerptOf = ({ text, centre, marked }) => {
    const [start, end] = [Math.max(0, centre - 10), Math.min(text.length, centre + 20)];
    const nodes = [];
    let plain = start > 0 ? "… " : "";
    for (let at = start; at < end; at++) {
      const glue = at === end - 1 || elided.test(text[at]) ? "" : " ";
      if (marked.has(at)) {
        const mark = document.createElement("mark");
        mark.textContent = text[at];
        nodes.push(document.createTextNode(plain), mark);
        plain = glue;
      } else {
        plain += text[at] + glue;
      }
    }
    nodes.push(document.createTextNode(plain + (end < text.length ? " …" : "")));
    return nodes;
  };

  const item = (section) => {
    const entry = document.createElement("li");
    entry.className = `faq-result ${list.dataset.itemClass}`;
    const link = document.createElement("a");
    link.className = `faq-result__link ${list.dataset.linkClass}`;
    // The question's address, with the words to highlight there (Pagefind's highlight script).
    const address = new URL(section.url, window.location.href);
    section.marks.forEach((mark) => address.searchParams.append(HIGHLIGHT, mark));
    link.href = address.pathname + address.search + address.hash;
    const article = document.createElement("article");
    article.className = `faq-result__article faq-content ${list.dataset.articleClass}`; // styled as content
    const where = document.createElement("p");
    where.className = "faq-search-page";
    where.textContent = readable(section.page || "");
    const title = document.createElement("h2");
    title.textContent = readable(section.title);
    const excerpt = document.createElement("p");
    excerpt.append(...excerptOf(section.excerpt));
    article.append(where, title, excerpt);
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
    let ranked;
    try {
      const engine = await load();
      await new Promise((resolve) => setTimeout(resolve, 120)); // typing: wait for the last key
      if (ticket !== latest) return;
      ranked = await rank(engine, query);
    } catch {
      meta.textContent = form.dataset.failed; // said in the live region; the next keystroke retries
      list.replaceChildren();
      list.dataset.query = query;
      return;
    }
    if (ticket !== latest) {
      return; // a newer query is on its way
    }
    const { questions, missing, spelled } = ranked;
    const counted = missing.length
      ? form.dataset.partial.replace("%", missing.join(", ")).replace("#", questions.length)
      : count(questions.length);
    meta.textContent = spelled ? `${form.dataset.spelled.replace("#", spelled)} — ${counted}` : counted;
    list.replaceChildren(...questions.map(item));
    list.dataset.query = query; // which query the list answers (typing runs several)
  };

  // Search is a dialog that closes when the focus leaves it (the non-modal model of the WAI-ARIA
  // dialog pattern): focus goes into it when it opens, Escape or Tab out of it closes it, and
  // Escape returns the focus to what opened it. So the focus is never behind it, and the page
  // is not made inert (the focus must be able to leave into it).
  const panel = document.querySelector(".faq-search");
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
  // On narrow screens the open dialog holds the page still, and the theme puts the page back
  // where it was a moment after it closes: the browser's scroll to the new stop is undone.
  // For a second, while it has the focus, the stop is brought back into view (and from under
  // the header) if it is not.
  const keepInView = (stop, frames = 60) => {
    if (document.activeElement !== stop) return; // the reader has moved on
    const box = stop.getBoundingClientRect();
    const seen = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2); // not under the header
    if (!seen || !(stop.contains(seen) || seen.contains(stop))) stop.scrollIntoView({ block: "center", behavior: "instant" });
    if (frames > 0) requestAnimationFrame(() => keepInView(stop, frames - 1));
  };

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
    const target = event.relatedTarget;
    if (target && !panel.contains(target)) {
      close(false); // Tab (or a click) took the focus out of the dialog
      requestAnimationFrame(() => keepInView(target)); // once the focus is on it
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

// A result's question, reached with the words it matched (`?highlight=…`): those words marked in
// that question only — its heading and what follows it up to the next heading of its rank — and
// as whole words only (the result gives the words as the text spells them), never pieces of
// words nor the rest of the page. Words to mark are text: whatever an address carries, it is
// compared with the page's words, never put into the page as markup.
const highlighted = new URLSearchParams(window.location.search).getAll("highlight");
const anchor = (() => {
  try {
    return decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return ""; // not an anchor of this page
  }
})();
const landing = highlighted.length && anchor ? document.getElementById(anchor) : null;
if (landing && /^H[1-6]$/.test(landing.tagName)) {
  const wanted = new Set(highlighted.map(fold));
  const rankOf = (element) => (/^H[1-6]$/.test(element.tagName) ? Number(element.tagName[1]) : 7);
  const section = [landing];
  for (let next = landing.nextElementSibling; next && rankOf(next) > rankOf(landing); next = next.nextElementSibling) {
    section.push(next);
  }
  for (const element of section) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const text of texts) {
      const parts = [];
      let done = 0;
      for (const word of text.data.matchAll(/[\p{L}\p{N}]+/gu)) {
        if (!wanted.has(fold(word[0]))) continue;
        const mark = document.createElement("mark");
        mark.className = "faq-highlight";
        mark.textContent = word[0];
        parts.push(text.data.slice(done, word.index), mark);
        done = word.index + word[0].length;
      }
      if (parts.length) text.replaceWith(...parts, text.data.slice(done));
    }
  }
}
