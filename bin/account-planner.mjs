#!/usr/bin/env node
// The runner is built into dist/cli by `npm run build` (npm install runs it via "prepare").
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/account-planner.mjs', import.meta.url));
if (!existsSync(built)) {
  console.error('account-planner: not built yet — run `npm run build` first');
  process.exit(2);
}
await import(built);
