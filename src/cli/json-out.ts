// A command's JSON report, written as it is made: the text JSON.stringify(report, null, 2) would
// give, byte for byte, but with each top-level list written an element at a time. A report of a
// million candidate pairs is longer than V8 lets one string be (about 512 MiB), so it cannot be
// made whole before it is written.

import type { Writable } from 'node:stream';

/** Text gathered before it is written: writes of about this many characters. */
const CHUNK = 1 << 16;

/** Writes `report` to `out` (stdout by default) as indented JSON and a newline, waiting when the stream asks. */
export async function writeJson(report: object, out: Writable = process.stdout): Promise<void> {
  let pending = '';
  const flush = () => {
    const text = pending;
    pending = '';
    return out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
  };
  const add = async (text: string) => {
    pending += text;
    if (pending.length >= CHUNK) await flush();
  };
  /** A value as JSON.stringify indents it at this depth. */
  const indented = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
  // JSON.stringify leaves out undefined (and function) members.
  const entries = Object.entries(report).filter(([, value]) => value !== undefined && typeof value !== 'function');
  await add('{\n');
  for (const [i, [key, value]] of entries.entries()) {
    const next = i < entries.length - 1 ? ',\n' : '\n';
    if (Array.isArray(value) && value.length > 0) {
      await add(`  ${JSON.stringify(key)}: [\n`);
      for (const [j, item] of value.entries()) await add(`    ${indented(item ?? null, 2)}${j < value.length - 1 ? ',\n' : '\n'}`);
      await add(`  ]${next}`);
    } else {
      await add(`  ${JSON.stringify(key)}: ${indented(value, 1)}${next}`);
    }
  }
  await add('}\n');
  await flush();
}
