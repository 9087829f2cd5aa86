import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema.ts and applied by the app itself at start-up
// (db/connect.ts), on PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
