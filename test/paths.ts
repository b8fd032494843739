import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SEED_BUNDLE_PATH = fileURLToPath(new URL('../seeds/article-2017-10-11/bundle.json', import.meta.url));
export const SEED_TEXT_PATH = fileURLToPath(new URL('../seeds/article-2017-10-11/source.txt', import.meta.url));
export const SHARED_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
