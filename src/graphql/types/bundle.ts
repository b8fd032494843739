import { writeBundle, type LoadReport } from '../../domain/bundle.ts';
import { builder } from '../builder.ts';
import { payloadOf, runEdit } from '../mutation.ts';

const RecordCounts = builder.objectRef<LoadReport['created']>('BundleRecordCounts').implement({
  description: 'Records of a bundle, by kind.',
  fields: (t) => ({
    sources: t.int({ description: 'Sources.', resolve: (c) => c.source }),
    actors: t.int({ description: 'Actors.', resolve: (c) => c.actor }),
    relations: t.int({ description: 'Actor relations.', resolve: (c) => c.relation }),
    places: t.int({ description: 'Places.', resolve: (c) => c.place }),
    events: t.int({ description: 'Events.', resolve: (c) => c.event }),
    claims: t.int({ description: 'Claims.', resolve: (c) => c.claim }),
    quotes: t.int({ description: 'Quotes.', resolve: (c) => c.quote }),
    links: t.int({ description: 'Links.', resolve: (c) => c.link }),
  }),
});

const BundleReport = builder.objectRef<LoadReport>('BundleReport').implement({
  description: 'What a bundle import wrote. A bundle is all or nothing: when anything in it is refused, the payload is a ValidationError naming every refused field, and nothing is written.',
  fields: (t) => ({
    namespace: t.exposeString('namespace', { description: 'The bundle’s namespace: its keys are unique within it.' }),
    created: t.field({ type: RecordCounts, description: 'Records written by this import.', resolve: (r) => r.created }),
    matched: t.field({ type: RecordCounts, description: 'Records found already recorded (same keys, URL, GeoNames id or actor identifier) and left as they were.', resolve: (r) => r.matched }),
  }),
});

const BundleImportInput = builder.inputType('BundleImportInput', {
  description: 'A whole bundle in the seed format (seeds/README.md), loaded in one transaction.',
  fields: (t) => ({ bundle: t.field({ type: 'JSONObject', required: true, description: 'The bundle, with source texts inline (`text`, not `textFile`).' }) }),
});

builder.mutationField('bundleImport', (t) =>
  t.field({
    type: BundleReport,
    description: 'Imports a whole bundle in the seed format in one transaction; importing it again matches everything and creates nothing.',
    errors: payloadOf('bundleImport', 'report', 'What was created and matched.'),
    args: { input: t.arg({ type: BundleImportInput, required: true, description: 'The bundle.' }) },
    resolve: (_, args, ctx) => runEdit(ctx, 'bundleImport', (writer) => writeBundle(writer, args.input.bundle)),
  }),
);
