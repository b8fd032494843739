// talisman ships no type declarations; this covers the part claimline uses.
declare module 'talisman/keyers/fingerprint.js' {
  /** The text's words, lower-cased, without punctuation or diacritics, unique and sorted, joined by spaces. */
  export default function fingerprint(text: string): string;
}
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro–Winkler similarity, from 0 (nothing alike) to 1 (the same). */
  export default function jaroWinkler(a: string, b: string): number;
}
declare module 'talisman/stemmers/s-stemmer.js' {
  /** Harman's S-stemmer: an English plural to its singular ("rebels" to "rebel", "authorities" to "authority"); other words as they are. */
  export default function sStemmer(word: string): string;
}
