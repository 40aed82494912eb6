// Translation status, as faqgen/translations.py works it out: each text's fingerprint, and whether
// a text's two languages are confirmed equivalent, one of them stale, unconfirmed or missing.
// tests/test_in_place.py holds the two to the same fingerprints and the same `confirmed:` values.

const LANGUAGES = ['fr', 'en'];

// Python's str.split() splits at these (str.isspace), which JavaScript's \s does not all match.
const SPACES = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** 8 hex digits of the text, ignoring changes of spacing and line breaks only. */
export async function fingerprint(text) {
  const words = text.split(SPACES).filter((word) => word !== '').join(' ');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(words));
  return [...new Uint8Array(digest).slice(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The `confirmed:` value for these texts: "fr 1a2b3c4d en 5e6f7a8b". */
export async function confirmedValue(texts) {
  const parts = [];
  for (const lang of LANGUAGES) parts.push(`${lang} ${await fingerprint(texts[lang])}`);
  return parts.join(' ');
}

/** Each language's state: "up to date", "missing", "stale" or "unconfirmed", and the value that
 * would confirm them (null while a language is missing). */
export async function translationStatus(node) {
  const texts = node && typeof node === 'object' ? node : {};
  const present = Object.fromEntries(LANGUAGES.map((lang) => [lang, typeof texts[lang] === 'string' && texts[lang].trim() !== '']));
  if (!LANGUAGES.every((lang) => present[lang])) {
    return { states: Object.fromEntries(LANGUAGES.map((lang) => [lang, present[lang] ? 'up to date' : 'missing'])), expected: null };
  }
  const fingerprints = {};
  for (const lang of LANGUAGES) fingerprints[lang] = await fingerprint(texts[lang]);
  const expected = LANGUAGES.map((lang) => `${lang} ${fingerprints[lang]}`).join(' ');
  const recorded = String(texts.confirmed ?? '').trim().match(new RegExp(`^${LANGUAGES.map((lang) => `${lang} ([0-9a-f]{8})`).join(' ')}$`));
  if (!recorded) return { states: Object.fromEntries(LANGUAGES.map((lang) => [lang, 'unconfirmed'])), expected };
  const changed = Object.fromEntries(LANGUAGES.map((lang, index) => [lang, fingerprints[lang] !== recorded[index + 1]]));
  let states;
  if (!LANGUAGES.some((lang) => changed[lang])) states = Object.fromEntries(LANGUAGES.map((lang) => [lang, 'up to date']));
  else if (LANGUAGES.every((lang) => changed[lang])) states = Object.fromEntries(LANGUAGES.map((lang) => [lang, 'unconfirmed']));
  else states = Object.fromEntries(LANGUAGES.map((lang) => [lang, changed[lang] ? 'up to date' : 'stale']));  // the one left behind
  return { states, expected };
}
