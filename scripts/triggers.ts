// Prints every trigger (history and search) as migration SQL for an engine:
// `npx tsx scripts/triggers.ts [sqlite|postgres]`, for a migration that changes a tracked table (a
// migration that rebuilds a table drops its triggers). On PostgreSQL each trigger is its function
// and the trigger. `postgres-keys` prints what makes PostgreSQL's foreign keys deferrable, for a
// migration that adds one (drizzle-kit creates it not deferrable).
import { allTriggers } from '../src/db/triggers.ts';
import { deferrableKeys } from '../src/db/schema-pg.ts';

const which = process.argv[2];
const statements = which === 'postgres-keys' ? deferrableKeys() : allTriggers(which === 'postgres' ? 'postgres' : 'sqlite');
process.stdout.write(statements.map((t) => `${t};`).join('\n--> statement-breakpoint\n') + '\n');
