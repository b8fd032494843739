// Prints every trigger (history and search) as migration SQL for an engine:
// `npx tsx scripts/triggers.ts [sqlite|postgres]`, for a migration that changes a tracked table (a
// migration that rebuilds a table drops its triggers). On PostgreSQL each trigger is its function
// and the trigger.
import { allTriggers } from '../src/db/triggers.ts';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
process.stdout.write(allTriggers(engine).map((t) => `${t};`).join('\n--> statement-breakpoint\n') + '\n');
