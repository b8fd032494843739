// GDELT's places as claimline keys them: by the codebook's resolution (1 a country, 2 a US state,
// 3 a US city, 4 a city elsewhere, 5 a first-level division elsewhere), its FIPS 10-4 country code
// and its feature ID, for a country its FIPS code. The FIPS codes are not ISO 3166 codes, so they
// are no place's `country`; but they do say which of GDELT's country places a place lies in.

/** The key of a GDELT place in the namespace "gdelt" (src/ingest/formats/gdelt.ts writes it). */
export const gdeltPlaceKey = (type: string, fips: string, feature: string) => `${type}|${fips}|${feature}`;

/**
 * SQL selecting the id of the GDELT country place that the place `place` (an SQL expression) lies
 * in, by their keys: none when the place is not GDELT's, is a country, or its country is not held.
 * (The bulk writer keeps a place's key as "place:" and the key.)
 */
export const gdeltCountryOf = (place: string) => `(SELECT c.record_id FROM record_keys k
    JOIN record_keys c ON c.record_type = 'place' AND c.namespace = 'gdelt' AND c.key = 'place:1|' || substr(k.key, 9, 2) || '|' || substr(k.key, 9, 2)
    WHERE k.record_type = 'place' AND k.namespace = 'gdelt' AND k.record_id = ${place} AND k.key NOT LIKE 'place:1|%' AND substr(k.key, 11, 1) = '|')`;
