import { defineConfig } from 'drizzle-kit';

// The PostgreSQL migrations, generated from the same tables (src/db/schema-pg.ts reads them off src/db/schema.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-pg.ts',
  out: './drizzle-pg',
});
