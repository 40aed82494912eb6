// `make admin`: dist/ from src/ and the lock. Sveltia CMS's npm entry is bundled with our code
// (its prebuilt script fetches fonts and translations from CDNs); the fonts its code asks for
// beside itself are copied; nothing is left to fetch but the site. dist/BUILT_FROM.json records the
// hashes of what went in and came out (tests/test_admin.py: dist/ is what these sources make).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';

const here = new URL('.', import.meta.url).pathname;

// What Sveltia CMS does whatever its configuration, changed: it would fetch its fonts from a CDN
// (its @font-face rules; the page is /admin/, so `assets/…` is the copies below) and GitHub's
// status page (answered "none": no incident banner, no request), and it forbids zooming its page
// (WCAG 1.4.4). Each must be found, or the build stops: a release that changes them needs a look.
const FONTS = 'https://cdn.jsdelivr.net/fontsource/fonts/';
const CHANGES = [
  [`${FONTS}source-sans-3:vf@5.3.0/latin-wght-normal.woff2`, 'assets/source-sans-3-latin-wght-normal-BqRLTx4X.woff2'],
  [`${FONTS}noto-mono@5.3.0/latin-400-normal.woff2`, 'assets/noto-mono-latin-400-normal-DiC8lJru.woff2'],
  [`${FONTS}material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2`, 'assets/material-symbols-outlined-latin-wght-normal-_Z1IJPLg.woff2'],
  ['https://www.githubstatus.com/api/v2/status.json', 'data:application/json,%7B%22status%22%3A%7B%22indicator%22%3A%22none%22%7D%7D'],
  ['`initial-scale=1`,`maximum-scale=1`,', '`initial-scale=1`,'],
];
// The interface in French and English: a browser set to another language gets English (an editor
// of this FAQ reads one of the two), which keeps 25 translations of the CMS out of the site.
const LOCALES = ['fr', 'en-US', 'en-CA', 'en-GB'];
const changed = {
  name: 'changed',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/[^/]+\.json$/ }, (args) => {
      const locale = args.path.slice('../locales/'.length, -'.json'.length);
      return { path: join(args.resolveDir, '..', 'locales', `${LOCALES.includes(locale) ? locale : 'en-US'}.json`) };
    });
    build.onLoad({ filter: /@sveltia[\\/]cms[\\/]npm[\\/]index\.js$/ }, async (args) => {
      let contents = readFileSync(args.path, 'utf8');
      for (const [from, to] of CHANGES) {
        if (!contents.includes(from)) throw new Error(`Sveltia CMS no longer has ${from}: see build.mjs`);
        contents = contents.replaceAll(from, to);
      }
      return { contents, loader: 'js' };
    });
  },
};
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: here,
  entryPoints: ['src/main.js', 'src/in_place.js', 'src/translation.js'],
  bundle: true, format: 'esm', splitting: true, minify: true, target: 'es2022',
  outdir: 'dist', entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]',
  // Widgets faq.yaml has no field for (code, maps, image formats): left out; never fetched.
  external: ['@shikijs/*', 'leaflet', 'leaflet/*', 'terra-draw', 'terra-draw-leaflet-adapter', 'svgo', 'exifr', 'exifr/*'],
  legalComments: 'linked',
  plugins: [changed],
  logLevel: 'warning',
});
const fonts = join(here, 'node_modules/@sveltia/cms/npm/assets');
mkdirSync(join(dist, 'assets'));
for (const name of readdirSync(fonts)) {
  if (/\.(woff2|txt)$/.test(name)) copyFileSync(join(fonts, name), join(dist, 'assets', name));
}
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const files = (folder) => readdirSync(folder, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)).sort();
const record = (list) => Object.fromEntries(list.map((file) => [relative(here, file), sha256(file)]));
writeFileSync(join(dist, 'BUILT_FROM.json'), `${JSON.stringify({
  sources: record(['build.mjs', 'package.json', 'package-lock.json', ...files(join(here, 'src')).map((f) => relative(here, f))].map((f) => join(here, f))),
  outputs: record(files(dist)),
}, null, 1)}\n`);
