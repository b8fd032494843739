// Prints the history triggers as migration SQL: `npx tsx scripts/history-triggers.ts >> drizzle/NNNN_x.sql`
// when a tracked table's columns change (a migration that rebuilds a table drops its triggers).
import { allHistoryTriggers } from '../src/db/history.ts';

process.stdout.write(allHistoryTriggers().map((t) => `${t};`).join('\n--> statement-breakpoint\n') + '\n');
