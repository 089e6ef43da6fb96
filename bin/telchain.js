#!/usr/bin/env node
// Entry point for `npx telchain`: runs the compiled CLI (built by `npm install` via the prepare script).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const main = join(root, "dist", "src", "cli", "main.js");
if (!existsSync(main)) {
  console.error(`telchain is not built yet: run \`npm install\` (or \`npm run build\`) in ${root}`);
  process.exit(1);
}
await import(main);
