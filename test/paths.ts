import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SEED_BUNDLE_PATH = fileURLToPath(new URL('../seeds/article-2017-10-11/bundle.json', import.meta.url));
export const SEED_TEXT_PATH = fileURLToPath(new URL('../seeds/article-2017-10-11/source.txt', import.meta.url));
/** Real sample files, vendored with their provenance (test/fixtures/README.md). */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
