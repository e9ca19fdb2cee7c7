import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// engine "js" keeps every Prisma CLI call on WebAssembly: the native engines cannot be
// downloaded on an offline machine.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? '' }),
});
