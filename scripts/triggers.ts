// Prints every trigger (history and search) as migration SQL: `npx tsx scripts/triggers.ts`, for
// a migration that changes a tracked table (a migration that rebuilds a table drops its triggers).
import { allTriggers } from '../src/db/triggers.ts';

process.stdout.write(allTriggers().map((t) => `${t};`).join('\n--> statement-breakpoint\n') + '\n');
