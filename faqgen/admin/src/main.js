// /admin/: Sveltia CMS over faq.yaml. Its configuration (config.json beside this page, made from
// the content model by faqgen/cms.py) is fetched from the site, not written into the page: the
// page allows no inline script. faq.yaml is read and written by its in-place writer, registered
// as the file's format, so a save changes only what the editor changed.
import CMS from '@sveltia/cms';
import { confirmedField } from './confirmed_field.js';
import { read, write } from './in_place.js';

let fileText = null;  // faq.yaml as last read or written: what the next save is compared with

CMS.registerCustomFormat('faq-yaml', 'yaml', {
  fromFile(text) {
    fileText = text;
    return read(text);
  },
  toFile(data) {
    fileText = write(fileText, data);
    return fileText;
  },
});

// A followed text's `confirmed:` (faqgen/cms.py CONFIRMED_FIELD): its status and "confirm".
CMS.registerFieldType('faq-confirmed', confirmedField(window.h, window.createClass));

// Hints come in both languages (faqgen/cms.py); the interface follows the browser's, and so do they.
const language = navigator.language.startsWith('fr') ? 'fr' : 'en';
function inLanguage(fields) {
  for (const field of fields ?? []) {
    if (field.hint && typeof field.hint === 'object') field.hint = field.hint[language];
    inLanguage(field.fields);
    if (field.field) inLanguage([field.field]);
  }
}

const config = await (await fetch(new URL('config.json', document.baseURI))).json();
for (const collection of config.collections) for (const file of collection.files) inLanguage(file.fields);
CMS.init({ config });
