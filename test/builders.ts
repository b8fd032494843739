// Small, deterministic builders of test data. Each test builds what it needs as a bundle and
// loads it through the real loader, so generated data obeys every rule the seed obeys.

export interface GeneratedTimelineOptions {
  /** How many events; each gets one accusation about it and, for every other one, a rebuttal. */
  events: number;
  namespace?: string;
}

const day = (n: number) => new Date(Date.UTC(2017, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** A bundle of `events` events in Syria, each accused by one of a few actors, half of them rebutted. */
export function generatedTimeline({ events, namespace = 'test/generated' }: GeneratedTimelineOptions) {
  const sentences = Array.from({ length: events }, (_, i) => `Sentence ${i}: strike number ${i} was reported.`);
  const text = sentences.join(' ');
  const actors = ['alpha', 'bravo', 'charlie', 'delta'].map((key) => ({ key, name: `Actor ${key}`, kind: 'ARMED_GROUP' }));
  const quote = (i: number) => ({ exact: sentences[i]!, kind: 'DIRECT', speaker: actors[i % actors.length]!.key });
  return {
    format: 'claimline-bundle',
    version: 1,
    namespace,
    sources: [{ key: 'report', title: 'Generated report', published: '2018-01-01', language: 'en', text }],
    actors,
    places: [
      { key: 'syria', name: 'Syria', kind: 'COUNTRY', country: 'SY' },
      { key: 'idlib', name: 'Idlib', kind: 'PROVINCE', country: 'SY', parent: 'syria', coordinates: { latitude: 35.93, longitude: 36.63 } },
    ],
    events: Array.from({ length: events }, (_, i) => ({
      key: `event-${i}`,
      title: `Strike ${i}`,
      summary: `Strike number ${i}.`,
      kind: 'ASSAULT',
      status: i % 3 === 0 ? 'ALLEGED' : 'REPORTED',
      // Varied precision: days, months (from February, so that the first days hold every type of
      // item), and a few open-ended periods.
      date: i % 10 === 9 && i > 31 ? `${day(i).slice(0, 7)}` : i % 25 === 24 ? `${day(i)}/..` : day(i),
      participants: [
        { actor: actors[i % 4]!.key, role: 'AGENT' },
        { actor: actors[(i + 1) % 4]!.key, role: 'TARGET' },
      ],
      places: [i % 2 === 0 ? 'idlib' : 'syria'],
      quantities: [{ measure: 'strikes', value: i }],
      citations: [{ source: 'report', quote: quote(i) }],
    })),
    claims: Array.from({ length: events }, (_, i) => [
      {
        key: `accusation-${i}`,
        type: 'ACCUSATION',
        summary: `Accusation about strike ${i}.`,
        date: day(i + 1),
        claimant: actors[(i + 1) % 4]!.key,
        spokesperson: actors[(i + 2) % 4]!.key,
        accused: [actors[i % 4]!.key],
        citations: [{ source: 'report', quote: quote(i) }],
      },
      ...(i % 2 === 0
        ? [
            {
              key: `rebuttal-${i}`,
              type: 'REBUTTAL',
              stance: 'DENIES',
              summary: `Rebuttal of the accusation about strike ${i}.`,
              date: day(i + 2),
              claimant: actors[i % 4]!.key,
              citations: [{ source: 'report', quote: quote(i) }],
            },
          ]
        : []),
    ]).flat(),
    links: Array.from({ length: events }, (_, i) => [
      { from: `accusation-${i}`, kind: 'IS_ABOUT', to: `event-${i}` },
      ...(i % 2 === 0
        ? [
            { from: `rebuttal-${i}`, kind: 'REBUTS', to: `accusation-${i}` },
            { from: `rebuttal-${i}`, kind: 'CITES_AS_EVIDENCE', to: `event-${i}` },
          ]
        : []),
    ]).flat(),
  };
}
