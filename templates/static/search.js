// Starts Pagefind's search interface on a search page; it speaks the page's language.
//
// Japanese: the index holds every Japanese character as a word of its own, the words separated by
// spaces (see pressroom/output/search_text.py: Pagefind's index-time and query-time segmenters
// disagree, Pagefind issue 1237). The query is cut the same way here; a query of Japanese text
// alone is asked as a phrase, so a page is found exactly when it contains the typed text. The
// spaces are taken out of titles and excerpts again, except those the page has itself.
(() => {
  const KANA_KANJI =
    "\u3005\u3006\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f";
  const PUNCTUATION = "\u3001-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65";
  const MARKS = "\u3099\u309a\uff9e\uff9f";
  const DIGITS = "0-9\uff10-\uff19";
  // The same rule as the indexer's copy: a boundary between a Japanese character or mark and the
  // next character, Japanese or not (the index holds numbers and Latin words whole, as words of
  // their own). Punctuation counts as Japanese there; the range holds letters too (〇, 〱).
  const BETWEEN = new RegExp(
    `(?<=[${KANA_KANJI}${MARKS}${PUNCTUATION}])(?=[^\\s${MARKS}])|(?<=\\S)(?=(?![${MARKS}])[${KANA_KANJI}${PUNCTUATION}])`,
    "gu",
  );
  // One typed word of letters and digits, Japanese among them: asked as a phrase.
  // Pagefind keeps "_" in words (BW_i), as it does letters and digits.
  const ONE_WORD = new RegExp(`^(?=.*[${KANA_KANJI}${PUNCTUATION}])[\\p{L}\\p{N}\\p{M}_]+$`, "u");
  const SEPARATOR = /[^\p{L}\p{N}\p{M}_]+/gu;
  // The indexer's copy: a space between a Japanese character or mark and the character next to it
  // (also around a highlight), and a word joiner before a space the page itself has there. The
  // space after the full stop Pagefind puts where a block ends stays.
  const SPACED = new RegExp(
    `(?<=[${KANA_KANJI}${MARKS}${PUNCTUATION}](?:</?mark>)?) (?=(?:</?mark>)?[^\\s<])|(?<=[^\\s>.](?:</?mark>)?) (?=(?:</?mark>)?(?![${MARKS}])[${KANA_KANJI}${PUNCTUATION}])`,
    "gu",
  );
  // Where a block of text ends in a letter or digit, Pagefind adds ". " before the next block. After
  // Japanese (〇 and full-width letters and digits too) that block is a heading, a table cell or a
  // label (a sentence ends in 。 already), which a Japanese full stop would turn into a sentence:
  // a full-width slash parts them instead (年／江蘇省／中国), and the last block ends bare.
  const BLOCK_STOP = new RegExp(
    `(?<=[${KANA_KANJI}${MARKS}\u3007\u3031-\u3035\u303c\uff10-\uff19\uff21-\uff3a\uff41-\uff5a](?:</mark>)?)\\.( |$)`,
    "gu",
  );
  const blockStop = (_, space) => (space ? "／" : "");
  // Text, as the tags of an excerpt hold it.
  const plain = (html) => {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.content.textContent.trim();
  };
  // Whether an excerpt was cut out of its page's text at its start and at its end.
  const cutAt = (excerpt, content) => {
    const shown = plain(excerpt).replace(/[.\s]+$/u, "");
    const whole = content.trim().replace(/[.\s]+$/u, "");
    return [!whole.startsWith(shown), !whole.endsWith(shown)];
  };
  // Pagefind marks the whole of a word between spaces, with the punctuation next to it ("Kanagawa.",
  // "(未病)", "Kanagawa,”"): the mark holds the word, the punctuation stands beside it.
  const EDGES = /^(\p{P}*)([^]*?)(\p{P}*)$/u;
  const markWordsOnly = (html) => {
    if (!html.includes("<mark>")) return html;
    const holder = document.createElement("template");
    holder.innerHTML = html;
    for (const mark of holder.content.querySelectorAll("mark")) {
      const [, before, word, after] = mark.textContent.match(EDGES);
      if (!word || (!before && !after)) continue;
      mark.textContent = word;
      if (before) mark.before(before);
      if (after) mark.after(after);
    }
    return holder.innerHTML;
  };
  // The parts of a page in another language (its "parts" metadata: [["ja", "神奈川県"], ...]),
  // marked with their language again wherever a title or an excerpt shows them: Pagefind keeps
  // text only. Where a highlight cuts a part ("<mark>Kanagawa</mark> Institute of Technology"),
  // each piece is marked on its own. A body in another language as a whole (an untranslated
  // copy's German text on the Japanese page) is named by "body_lang".
  const languageParts = (meta) => {
    try {
      const parts = JSON.parse(meta || "[]");
      return Array.isArray(parts) ? parts.filter((part) => Array.isArray(part) && part[0] && part[1]) : [];
    } catch {
      return [];
    }
  };
  const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
  const languageOf = (meta) => (typeof meta === "string" && LANGUAGE_TAG.test(meta) ? meta : "");
  // Where each part stands in a text ([start, end, lang]), the longest first where two overlap.
  const placesOf = (text, parts) => {
    const taken = [];
    for (const [lang, part] of [...parts].sort((a, b) => b[1].length - a[1].length)) {
      for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) {
        const end = at + part.length;
        if (!taken.some(([start, stop]) => at < stop && start < end)) taken.push([at, end, lang]);
      }
    }
    return taken;
  };
  const markLanguages = (html, parts, lang) => {
    if (!parts.length && !lang) return html;
    const holder = document.createElement("template");
    holder.innerHTML = html;
    const nodes = [];
    const walker = document.createTreeWalker(holder.content, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode);
    const taken = placesOf(nodes.map((node) => node.data).join(""), parts);
    let offset = 0;
    for (const node of nodes) {
      const start = offset;
      offset += node.length;
      // From the node's end, so that the offsets before stay valid as it is split.
      const pieces = taken
        .map(([from, to, lang]) => [Math.max(from, start) - start, Math.min(to, offset) - start, lang])
        .filter(([from, to]) => from < to)
        .sort((a, b) => b[0] - a[0]);
      for (const [from, to, lang] of pieces) {
        const piece = node.splitText(from);
        piece.splitText(to - from);
        const span = document.createElement("span");
        span.lang = lang;
        piece.replaceWith(span);
        span.append(piece);
      }
    }
    if (lang) {
      const whole = document.createElement("span");
      whole.lang = lang;
      whole.append(...holder.content.childNodes);
      holder.content.append(whole);
    }
    return holder.innerHTML;
  };
  // A title as [text, lang] pieces in order, lang "" where it is the page's.
  const titlePieces = (title, parts, lang) => {
    const pieces = [];
    let at = 0;
    for (const [from, to, partLang] of placesOf(title, parts).sort((a, b) => a[0] - b[0])) {
      if (from > at) pieces.push([title.slice(at, from), lang]);
      pieces.push([title.slice(from, to), partLang]);
      at = to;
    }
    if (at < title.length || !pieces.length) pieces.push([title.slice(at), lang]);
    return pieces;
  };
  // Pagefind UI writes a title as text (no markup), into a text node it keeps and may write
  // again (a sub-result shown where another was): that node stays in the link as the first
  // piece, the others are put beside it, and a title written anew is marked anew.
  const titleLanguages = new Map(); // a link's address ("sub " before a sub-result's) → [parts, lang]
  const titleNodes = new WeakMap(); // a result's link → the text node Pagefind UI writes its title into
  const firstPieces = new WeakMap(); // that node → the piece of the title left in it
  const markTitle = (link) => {
    const nested = link.closest(".pagefind-ui__result-nested") !== null;
    const languages = titleLanguages.get(`${nested ? "sub " : ""}${link.getAttribute("href")}`);
    if (!languages) return;
    let source = titleNodes.get(link);
    if (!source) {
      source = [...link.childNodes].find((node) => node.nodeType === Node.TEXT_NODE);
      if (!source) return;
      titleNodes.set(link, source);
    }
    if (firstPieces.get(source) === source.data) return; // marked, and not written since
    const pieces = titlePieces(source.data, ...languages);
    firstPieces.set(source, pieces[0][0]);
    if (pieces.length === 1 && !pieces[0][1] && link.firstChild === source && link.childNodes.length === 1) return;
    link.replaceChildren(
      ...pieces.map(([text, lang], index) => {
        const node = index === 0 ? source : document.createTextNode(text);
        if (node.data !== text) node.data = text;
        if (!lang) return node;
        const span = document.createElement("span");
        span.lang = lang;
        span.append(node);
        return span;
      }),
    );
  };
  // One word joiner for a space, two for a full-width one (U+3000).
  const KEPT_SPACE = /\u2060(\u2060?)((?:<\/mark>)?) ?/g;
  const keptSpace = (_, wide, mark) => `${mark}${wide ? "\u3000" : " "}`;
  // Pagefind marks each matched word of the index, which is a character in Japanese: one highlight
  // for the word the reader searched for, so that it breaks between lines only as a whole (神|奈川
  // broke between two of its highlights at a line's end).
  const NEXT_MARK = /<\/mark><mark>/g;
  // The spaces the indexer's copy put around numbers, taken out of what readers see.
  const NUMBER_SPACE = new RegExp(
    `(?<=[^\\sA-Za-z.,${DIGITS}](?:</?mark>)?) (?=(?:</?mark>)?[${DIGITS}])|(?<=[${DIGITS}](?:</?mark>)?) (?=(?:</?mark>)?[^\\sA-Za-z${DIGITS}<])`,
    "gu",
  );

  // "未病" -> "\"未 病\"" (a phrase); "1989年" -> "\"1989 年\""; "EU加盟国" -> "\"EU 加 盟 国\"";
  // "AI技術 2024" -> "AI 技 術 2024" and "バーデン＝ヴュルテンベルク" -> "バ ー デ ン ヴ ..." (every
  // part required, in any order: a phrase cannot span punctuation, which takes a place of its own
  // in the index).
  const processTerm = (term) => {
    if (document.documentElement.lang !== "ja") return term;
    const words = term.normalize("NFC").trim().split(/\s+/).filter(Boolean);
    const cut = (word) => word.replace(SEPARATOR, " ").replace(BETWEEN, " ").trim().replace(/\s+/g, " ");
    if (words.length === 1 && ONE_WORD.test(words[0])) return `"${cut(words[0])}"`;
    return words.map(cut).join(" ");
  };

  window.addEventListener("DOMContentLoaded", () => {
    const element = document.getElementById("search");
    if (!element) return;
    if (typeof PagefindUI === "undefined") {
      // Pagefind's script did not load (a site built with --no-search, a dropped connection):
      // the page says so, instead of showing a heading over nothing.
      const unavailable = document.getElementById("search-unavailable");
      const indexing = document.getElementById("search-indexing"); // a preview making its index
      if (unavailable) {
        unavailable.hidden = Boolean(indexing && !indexing.hidden);
        element.hidden = true; // the room kept for Pagefind's form, which will not come
      }
      return;
    }
    const kind = element.dataset.kind;
    const japanese = document.documentElement.lang === "ja";
    const ui = new PagefindUI({
      element: "#search",
      bundlePath: element.dataset.bundle,
      baseUrl: element.dataset.base,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      processTerm,
      // Result counts in this language's words, from the site's catalogs.
      translations: {
        one_result: element.dataset.oneResult,
        many_results: element.dataset.manyResults,
        zero_results: element.dataset.zeroResults,
        // The search's landmark, named as the header's field is.
        search_label: element.dataset.region,
      },
      // Kana with and without voicing marks (カ, ガ) are different letters, not accents; this also keeps
      // Pagefind's phrase search exact where a page has both.
      exactDiacritics: japanese,
      // Excerpts are measured in indexed words, which are characters in Japanese: 40 of them fill
      // about the line that Pagefind's 12 words do in German or English.
      excerptLength: japanese ? 40 : undefined,
      processResult: (result) => {
        // The indexer's copy has spaces between Japanese characters; readers see the text as the page has it.
        const clean = (text) =>
          typeof text === "string" && japanese
            ? text
                .replace(SPACED, "")
                .replace(NUMBER_SPACE, "")
                .replace(KEPT_SPACE, keptSpace)
                .replace(BLOCK_STOP, blockStop)
                .replace(NEXT_MARK, "")
            : text;
        const meta = { ...result.meta, title: clean(result.meta.title) };
        const parts = languageParts(meta.parts);
        const bodyLang = languageOf(meta.body_lang);
        delete meta.parts; // not tags to show
        delete meta.body_lang;
        delete meta.heading; // a partner's heading, searched (its native name too) but shown as the title
        // A release's date, formatted for this language at build time, under this language's word
        // for what the result is ("Pressemitteilung: 17. Juli 2024") instead of Pagefind's "Date:".
        if (meta.date) {
          meta[kind] = meta.date;
          delete meta.date;
        }
        // An excerpt cut out of the page's text says so where it was cut (…), unless a sentence ends there.
        const excerptOf = (excerpt) => {
          if (typeof excerpt !== "string" || typeof result.content !== "string" || !excerpt.trim()) return excerpt;
          const [start, end] = cutAt(excerpt, result.content);
          // The punctuation is taken out of the marks first: a block's full stop marked with the
          // word before it (<mark>県.</mark>) was not seen as one and stayed ("神奈川県. 日本").
          const text = markLanguages(clean(markWordsOnly(excerpt)).trim(), parts, bodyLang);
          return `${start ? "…" : ""}${text}${end && !/[.。!?！？]$/u.test(plain(text)) ? "…" : ""}`;
        };
        const subResults = (result.sub_results || []).map((sub) => ({
          ...sub,
          title: clean(sub.title),
          excerpt: excerptOf(sub.excerpt),
        }));
        // A page found by its title alone (searched as metadata, out of the indexed text so that
        // no excerpt repeats it) has no part of its text found: Pagefind UI then showed no excerpt
        // at all. The page's own part holds the one Pagefind made, its opening words.
        const url = meta.url || result.url;
        const excerpt = excerptOf(result.excerpt);
        if (!subResults.length) {
          subResults.push({ title: meta.title, url, excerpt, locations: [], weighted_locations: [] });
        }
        // A sub-result's title is a heading of the body, in the body's language.
        titleLanguages.set(url, [parts, ""]);
        for (const sub of subResults) titleLanguages.set(`sub ${sub.url}`, [parts, bodyLang]);
        return { ...result, meta, excerpt, sub_results: subResults };
      },
    });
    if (japanese) {
      // Pagefind UI writes a result's tag as "key: value" (プレスリリース: 2024年7月17日); Japanese
      // takes a full-width colon with no space there.
      const colons = (root) => {
        for (const tag of root.querySelectorAll(".pagefind-ui__result-tag")) {
          for (const node of tag.childNodes) {
            if (node.nodeType === Node.TEXT_NODE && node.data === ": ") node.data = "：";
          }
        }
      };
      new MutationObserver(() => colons(element)).observe(element, { childList: true, subtree: true });
    }
    new MutationObserver(() => {
      for (const link of element.querySelectorAll(".pagefind-ui__result-link")) markTitle(link);
    }).observe(element, { childList: true, subtree: true, characterData: true });
    // Pagefind's count of results changes silently: a live region that was there from the start
    // repeats it, so that a screen reader says what typing found (WCAG 4.1.3).
    const status = document.getElementById("search-status");
    if (status) {
      new MutationObserver(() => {
        const message = element.querySelector(".pagefind-ui__message");
        const text = message ? message.textContent.trim() : "";
        if (status.textContent !== text) status.textContent = text;
      }).observe(element, { childList: true, subtree: true, characterData: true });
    }
    // A search form elsewhere on the site (a plain GET form) sends its words as ?q=.
    const asked = new URLSearchParams(window.location.search).get("q");
    if (asked && asked.trim()) ui.triggerSearch(asked);
    const input = element.querySelector("input");
    if (input) {
      // Pagefind labels its field by a title only; a label of its own is what assistive technology reads.
      input.setAttribute("aria-label", element.dataset.label);
      input.focus();
    }
  });
})();
