import { readFileSync } from 'node:fs';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, printedSubgraphSchema } from '../src/graphql/print.ts';
import { schema } from '../src/graphql/schema.ts';

describe('the schema', () => {
  it('matches the SDLs checked in under schema/ (run `npm run schema:print` after changing it)', () => {
    expect(printedSchema()).toBe(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8'));
    expect(printedSubgraphSchema()).toBe(readFileSync(new URL('../schema/subgraph.graphql', import.meta.url), 'utf8'));
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    // Introspection and Federation's own types and fields (_Any, _entities, link__Purpose…) are theirs to describe.
    const foreign = (name: string) => name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__');
    for (const type of Object.values(schema.getTypeMap())) {
      if (foreign(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (foreign(field.name)) continue;
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      if (isScalarType(type) || isUnionType(type)) continue;
    }
    expect(missing).toEqual([]);
  });

  it('keeps the public contract’s names', () => {
    const sdl = printedSchema();
    for (const line of [
      'interface Node {',
      'type FuzzyDate {',
      'interface TimelineItem implements Node {',
      'interface Claim implements Node & TimelineItem {',
      'type Accusation implements Claim & Node & TimelineItem {',
      'type Rebuttal implements Claim & Node & TimelineItem {',
      'type Statement implements Claim & Node & TimelineItem {',
      'type Event implements Node & TimelineItem {',
      'type Quote implements Node {',
      '  node(',
      '  nodes(',
      '  timeline(',
      '  search(',
    ]) {
      expect(sdl).toContain(line);
    }
  });
});
