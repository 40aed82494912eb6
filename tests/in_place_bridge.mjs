// The browser editor's writer and translation status (faqgen/admin/dist/, as published), called
// from tests/test_in_place.py: a JSON request on stdin, a JSON answer on stdout.
import { readFileSync } from 'node:fs';
import { InPlaceError, read, setTexts, write } from '../faqgen/admin/dist/in_place.js';
import { fingerprint, translationStatus } from '../faqgen/admin/dist/translation.js';

const request = JSON.parse(readFileSync(0, 'utf8'));
request.file ??= '';
let answer;
try {
  if (request.op === 'setTexts') {
    answer = { text: setTexts(request.file, new Map(request.texts.map(({ path, text }) => [path, text]))) };
  } else if (request.op === 'fingerprints') {
    answer = { fingerprints: await Promise.all(request.texts.map(fingerprint)) };
  } else if (request.op === 'statuses') {
    answer = { statuses: await Promise.all(request.nodes.map(translationStatus)) };
  } else if (request.op === 'read') {
    answer = { data: read(request.file) };
  } else {
    answer = { text: write(request.file, request.data) };
  }
} catch (error) {
  if (!(error instanceof InPlaceError)) throw error;
  answer = { refused: error.message };
}
process.stdout.write(JSON.stringify(answer));
