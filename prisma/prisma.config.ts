import { defineConfig } from 'prisma/config';

/**
 * Prisma CLI configuration (Prisma 7 reads the datasource URL from here, not from the schema).
 * Paths are relative to this file. This is an edge, so it may read the environment; the
 * placeholder URL lets `prisma generate` run without any database.
 */
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: {
    url: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/figurl',
  },
});
