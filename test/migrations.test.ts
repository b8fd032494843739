import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './paths.ts';

// drizzle-kit writes its output below the working directory, so the scratch copy lives there too.
const scratch = mkdtempSync(join(ROOT, 'node_modules', '.drift-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('migrations', () => {
  it('cover every table definition: drizzle-kit generates nothing new from src/db/schema.ts', () => {
    cpSync(join(ROOT, 'drizzle'), scratch, { recursive: true });
    const before = readdirSync(scratch).sort();
    const output = execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--dialect', 'sqlite', '--schema', 'src/db/schema.ts', '--out', relative(ROOT, scratch)],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(readdirSync(scratch).sort()).toEqual(before);
    expect(output).toMatch(/No schema changes/);
  });
});
