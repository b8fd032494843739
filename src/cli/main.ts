import { once } from 'node:events';
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../db/client.ts';
import { sources } from '../db/schema.ts';
import { InputError } from '../domain/errors.ts';
import { createKey, listKeys, revokeKey } from '../domain/keys.ts';
import { FILTER_PARAMS, filterFromParams } from '../domain/filter.ts';
import { loadBundle, readBundleFile } from '../domain/bundle.ts';
import { EXPORTERS, startExport } from '../export/formats.ts';
import { configFromEnv, describeConfig } from '../server/config.ts';
import { listen } from '../server/http.ts';

const SEED_BUNDLE = fileURLToPath(new URL('../../seeds/article-2017-10-11/bundle.json', import.meta.url));

const USAGE = `claimline — a GraphQL API over a linked timeline of conflict reporting

Usage:
  claimline serve              serve GraphiQL and the API (creates, migrates and seeds the database on first start)
  claimline migrate            create or migrate the database, then exit
  claimline seed [BUNDLE]      load a bundle (default: the seed article) in one transaction; loading twice changes nothing
  claimline import --format F FILE|- [--skip-invalid] [--report FILE]
                               import a file (or standard input) in one transaction: F is gdelt-events,
                               gdelt-mentions, plover, claimreview, acled or bundle; re-importing changes
                               nothing, an updated file updates what changed; --skip-invalid imports the
                               good rows and writes the refused ones to FILE.refused.jsonl (or --report)
  claimline export --format F [--type T] [filter options] > FILE
                               write the items matching the filter (all when none) as F: timelinejs,
                               graphml (actor network), csv (--type items, actors, places, sources,
                               quotes, links, citations, participants or accused), jsonld (schema.org),
                               annotations (W3C Web Annotation, for quotes) or bundle (re-imports with
                               import --format bundle); streamed as read.
                               Filter options, as GET /export/F takes them: --types, --event-kinds,
                               --statuses, --actors, --actor-roles, --follow-relations, --places,
                               --area S,W,N,E, --sources, --rebutted true|false, --search, --from,
                               --to, --match OVERLAPS|WITHIN (lists comma-separated, ids global)
  claimline gateway [--subgraph NAME=URL ...]
                               serve a Hive Gateway over claimline (started in-process unless a
                               subgraph is named claimline) and the other subgraphs given
  claimline keys create --name NAME [--scopes write]
                               create an API key (printed once; only its hash is stored)
  claimline keys list          list the keys: name, scopes, created, revoked
  claimline keys revoke NAME   revoke a key: its writes are refused from then on
  claimline schema             print the GraphQL SDL (checked in as schema/schema.graphql)
  claimline schema --subgraph  print the federation subgraph SDL (checked in as schema/subgraph.graphql)

Environment:
  CLAIMLINE_DB   the SQLite file (default: ./claimline.db), or :memory:
  PORT           the HTTP port for serve (default: 4000)
  GATEWAY_PORT   the HTTP port for gateway (default: 4100)`;

function database(): Db {
  return openDatabase({ file: configFromEnv().database });
}

/**
 * On SIGTERM or SIGINT, runs `stop` once and exits: 0 when it finished within the deadline, 1
 * when the deadline cut it short. A second signal a second or more later exits at once (npm
 * and a terminal may both deliver the first one, together).
 */
function onShutdown(seconds: number, stop: () => Promise<boolean>): void {
  let stoppingSince: number | null = null;
  const handler = (signal: NodeJS.Signals) => {
    if (stoppingSince !== null) {
      if (Date.now() - stoppingSince >= 1000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    console.log(`claimline: ${signal}: stopping (finishing requests in progress, at most ${seconds} s)`);
    const force = setTimeout(() => {
      console.error(`claimline: still busy after ${seconds} s: exiting`);
      process.exit(1);
    }, seconds * 1000 + 1000);
    force.unref();
    stop().then(
      (inTime) => {
        console.log(inTime ? 'claimline: stopped' : 'claimline: stopped, cutting the connections still open at the deadline');
        process.exit(inTime ? 0 : 1);
      },
      (error: unknown) => {
        console.error(`claimline: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** Seeds a database that holds no sources yet: the first start. Later starts reuse the data as it is. */
function seedIfEmpty(db: Db): boolean {
  if (db.select({ id: sources.id }).from(sources).limit(1).get()) return false;
  loadBundle(db, readBundleFile(SEED_BUNDLE));
  return true;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const config = configFromEnv();
      const fresh = config.database === ':memory:' || !existsSync(config.database);
      const db = database();
      const seeded = seedIfEmpty(db);
      const listening = await listen(db, config.port, config.host, { limits: config.limits, corsOrigins: config.corsOrigins, trustProxy: config.trustProxy });
      console.log(`claimline: database ${config.database} (${fresh ? 'created' : 'reused'}${seeded ? ', seeded with the article of 2017-10-11' : ''})`);
      console.log(`claimline: ${describeConfig(config)}`);
      console.log(`claimline: listening on ${listening.address}; GraphiQL at ${listening.url}`);
      onShutdown(config.shutdownSeconds, async () => {
        const inTime = await listening.close(config.shutdownSeconds * 1000);
        db.$client.close();
        return inTime;
      });
      return -1;
    }
    case 'gateway': {
      const { values } = parseArgs({ args: rest, options: { subgraph: { type: 'string', multiple: true } } });
      const subgraphs = (values.subgraph ?? []).map((spec, i) => {
        const [, name, url] = spec.match(/^([A-Za-z_][A-Za-z0-9_-]*)=(https?:\/\/.+)$/) ?? [];
        if (!name || !url) throw new InputError(['--subgraph', i], `"${spec}" is not NAME=URL (e.g. reviews=http://localhost:4002/graphql)`);
        return { name, url };
      });
      const config = configFromEnv();
      let embedded: { db: Db; listening: Awaited<ReturnType<typeof listen>> } | null = null;
      if (!subgraphs.some((s) => s.name === 'claimline')) {
        const db = database();
        seedIfEmpty(db);
        embedded = { db, listening: await listen(db, 0, '127.0.0.1', { limits: config.limits }) };
        subgraphs.unshift({ name: 'claimline', url: embedded.listening.url });
      }
      const { composeSupergraph, createGateway } = await import('../server/gateway.ts');
      const gateway = createGateway(await composeSupergraph(subgraphs));
      const server = createServer(gateway);
      await new Promise<void>((resolve) => server.listen(Number(process.env.GATEWAY_PORT ?? 4100), config.host, resolve));
      for (const s of subgraphs) console.log(`claimline gateway: subgraph ${s.name} at ${s.url}`);
      console.log(`claimline gateway: supergraph at http://localhost:${(server.address() as AddressInfo).port}/graphql`);
      onShutdown(config.shutdownSeconds, async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await gateway.dispose();
        const inTime = embedded ? await embedded.listening.close(config.shutdownSeconds * 1000) : true;
        embedded?.db.$client.close();
        server.closeAllConnections();
        await closed;
        return inTime;
      });
      return -1;
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { format: { type: 'string' }, 'skip-invalid': { type: 'boolean' }, report: { type: 'string' } },
      });
      const file = positionals[0];
      if (!values.format || !file) throw new InputError([], 'usage: claimline import --format F FILE|- [--skip-invalid] [--report FILE]');
      const { FORMATS, runImport } = await import('../ingest/import.ts');
      if (values.format !== 'bundle' && !FORMATS[values.format]) {
        throw new InputError(['--format'], `unknown format "${values.format}": use one of ${[...Object.keys(FORMATS), 'bundle'].join(', ')}`);
      }
      const db = database();
      if (values.format === 'bundle') {
        const bundle = file === '-' ? JSON.parse(await text(process.stdin)) : readBundleFile(file);
        console.log(JSON.stringify(loadBundle(db, bundle), null, 2));
        return 0;
      }
      const report = await runImport(db, {
        format: values.format,
        file,
        input: file === '-' ? process.stdin : createReadStream(file),
        size: file === '-' ? null : statSync(file).size,
        skipInvalid: values['skip-invalid'] ?? false,
        progress: true,
      });
      const { created, updated, unchanged, unmatched } = report.outcomes;
      console.error(`import: ${created} created, ${updated} updated, ${unchanged} unchanged${unmatched ? `, ${unmatched} referring to records not in the database` : ''}, ${report.refused.length} refused`);
      if (report.refused.length) {
        const reportFile = values.report ?? (file === '-' ? 'refused.jsonl' : `${file}.refused.jsonl`);
        writeFileSync(reportFile, report.refused.map((r) => JSON.stringify({ file, ...r })).join('\n') + '\n');
        console.error(`import: the refused rows, with line, column and reason, are in ${reportFile}`);
      }
      db.$client.close();
      return 0;
    }
    case 'export': {
      // The URL's parameter names, in kebab case: --actor-roles for actorRoles.
      const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const names = ['format', 'type', ...FILTER_PARAMS];
      const { values } = parseArgs({ args: rest, options: Object.fromEntries(names.map((n) => [kebab(n), { type: 'string' as const }])) });
      const given = Object.fromEntries(names.flatMap((n) => (values[kebab(n)] === undefined ? [] : [[n, values[kebab(n)] as string]])));
      if (!given.format) throw new InputError(['--format'], `give the format: ${Object.keys(EXPORTERS).join(', ')}`);
      const db = database();
      const { chunks } = startExport(db, given.format, filterFromParams(given), { type: given.type });
      for (const chunk of chunks) {
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      }
      db.$client.close();
      return 0;
    }
    case 'migrate':
      database().$client.close();
      console.log('claimline: database is at the latest schema');
      return 0;
    case 'seed': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      const db = database();
      const report = loadBundle(db, readBundleFile(positionals[0] ?? SEED_BUNDLE));
      console.log(JSON.stringify(report, null, 2));
      db.$client.close();
      return 0;
    }
    case 'keys': {
      const [action, ...args] = rest;
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, scopes: { type: 'string' } } });
      const db = database();
      try {
        if (action === 'create') {
          if (!values.name) throw new InputError(['--name'], 'give the key a name: claimline keys create --name NAME --scopes write');
          const key = createKey(db, values.name, (values.scopes ?? 'write').split(',').map((s) => s.trim()));
          console.log(key);
          console.error(`claimline: key "${values.name}" created; it is shown only this once (only its hash is stored). Send it as "Authorization: Bearer <key>".`);
        } else if (action === 'list') {
          for (const k of listKeys(db)) console.log(`${k.name}\t${k.scopes.join(',')}\tcreated ${k.createdAt}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}`);
        } else if (action === 'revoke') {
          const name = values.name ?? positionals[0];
          if (!name) throw new InputError(['NAME'], 'name the key to revoke: claimline keys revoke NAME');
          revokeKey(db, name);
          console.log(`claimline: key "${name}" revoked`);
        } else {
          console.error(`claimline: keys create --name NAME [--scopes write] | keys list | keys revoke NAME`);
          return 2;
        }
      } finally {
        db.$client.close();
      }
      return 0;
    }
    case 'schema': {
      const { printedSchema, printedSubgraphSchema } = await import('../graphql/print.ts');
      process.stdout.write(rest.includes('--subgraph') ? printedSubgraphSchema() : printedSchema());
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      console.error(`claimline: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`claimline: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
