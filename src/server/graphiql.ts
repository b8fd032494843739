import { readdirSync, readFileSync } from 'node:fs';
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/client.ts';
import type { ItemType } from '../db/vocabulary.ts';
import { globalId } from '../domain/global-id.ts';
import { recordNamed } from '../domain/records.ts';

// GraphiQL is served from claimline itself (scripts, styles and editor workers), so it works
// offline and behind firewalls; graphql-yoga's default page loads them from a CDN.

export const ASSET_PREFIX = '/graphiql-assets/';
/** The header that marks a request as not a browser's simple cross-site request (CSRF prevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

type Bundle = typeof import('@graphql-yoga/render-graphiql/graphiql');
let loading: Promise<Bundle> | undefined;
/** GraphiQL's scripts and styles (several megabytes of text): loaded on the first page or asset asked for, not at start. */
const graphiqlBundle = (): Promise<Bundle> => (loading ??= import('@graphql-yoga/render-graphiql/graphiql'));

const ASSETS: Record<string, { part: keyof Bundle; type: string }> = {
  'graphiql.css': { part: 'css', type: 'text/css; charset=utf-8' },
  'graphiql.js': { part: 'js', type: 'text/javascript; charset=utf-8' },
  'editor.worker.js': { part: 'editorWorkerService', type: 'text/javascript; charset=utf-8' },
  'graphql.worker.js': { part: 'graphqlWorker', type: 'text/javascript; charset=utf-8' },
  'json.worker.js': { part: 'jsonWorker', type: 'text/javascript; charset=utf-8' },
};

/**
 * An example's variables, named in its comments by what they are rather than by an ID, so the
 * example works on any database that holds them: `# $russia: the actor named "Russia"`,
 * `# $accusation: the accusation beginning "The Russian military"`.
 */
const VARIABLE = /^# \$(\w+): the (actor|place|event|accusation|rebuttal|statement) (?:named|beginning) "(.+)"$/gm;
const TYPENAMES = { actor: 'Actor', place: 'Place', event: 'Event', accusation: 'Accusation', rebuttal: 'Rebuttal', statement: 'Statement' } as const;

/** Each example's variables, found by name in the database (a name it does not hold is said in the value, and the query says why it fails). */
function variablesOf(query: string, db: Db | undefined): string | undefined {
  const found = [...query.matchAll(VARIABLE)].map(([, variable, kind = '', text = '']) => {
    const typename = TYPENAMES[kind as keyof typeof TYPENAMES];
    const id = db ? recordNamed(db, kind === 'actor' || kind === 'place' ? kind : (kind.toUpperCase() as ItemType), text) : null;
    return [variable!, id === null ? `no ${kind} ${kind === 'actor' || kind === 'place' ? 'named' : 'beginning'} "${text}" in this database` : globalId(typename, id)];
  });
  return found.length ? JSON.stringify(Object.fromEntries(found), null, 2) : undefined;
}

/** The example operations GraphiQL opens with, one tab each, from examples/*.graphql, their variables found in `db`. */
export function exampleTabs(db?: Db): { query: string; variables?: string }[] {
  // Two levels below the package's root, from src/server and from dist/cli (the bundle) alike.
  const folder = new URL('../../examples/', import.meta.url);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => {
      const query = readFileSync(new URL(name, folder), 'utf8');
      const variables = variablesOf(query, db);
      return variables ? { query, variables } : { query };
    });
}

const escapeScript = (json: string) => json.replace(/</g, '\\u003c');

export async function renderGraphiQL(options: object): Promise<string> {
  const bundle = await graphiqlBundle();
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>claimline GraphiQL</title>
    <link rel="icon" href="${bundle.favicon}" />
    <link rel="stylesheet" href="${ASSET_PREFIX}graphiql.css" />
    <style>
      /* Every example tab stays in sight: the strip wraps onto more rows instead of scrolling. */
      .graphiql-tabs { flex-wrap: wrap; overflow: visible; row-gap: 4px; }
      .graphiql-session-header { height: auto; }
    </style>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return '${ASSET_PREFIX}' + ({ editorWorkerService: 'editor', graphql: 'graphql', json: 'json' }[label] || 'editor') + '.worker.js';
        },
      };
    </script>
    <script src="${ASSET_PREFIX}graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${escapeScript(JSON.stringify(options))});
      // GraphiQL's draggable tab strip captures the pointer on press, so the click that follows
      // lands on the strip, not on the tab pressed, and the tab does not open. A press and release
      // in place on a tab opens it.
      (function () {
        var pressed = null;
        document.addEventListener('pointerdown', function (e) {
          var button = e.target.closest && e.target.closest('.graphiql-tab-button');
          pressed = button ? { button: button, x: e.clientX, y: e.clientY } : null;
        }, true);
        document.addEventListener('click', function (e) {
          var press = pressed;
          pressed = null;
          if (!press || press.button.contains(e.target) || !press.button.isConnected) return;
          if (Math.abs(e.clientX - press.x) < 5 && Math.abs(e.clientY - press.y) < 5) press.button.click();
        }, true);
      })();
    </script>
  </body>
</html>`;
}

/** Serves the GraphiQL assets, cacheable for a day. */
export function graphiqlAssets(): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(ASSET_PREFIX)) return;
      const name = url.pathname.slice(ASSET_PREFIX.length);
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (!asset) return endResponse(new fetchAPI.Response('Not found', { status: 404 }));
      const body = (await graphiqlBundle())[asset.part] as string;
      endResponse(new fetchAPI.Response(body, { headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' } }));
    },
  };
}
