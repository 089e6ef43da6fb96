/** Writes docs/errors.md from the error catalogues: `npm run docs:errors`. */
import { writeFileSync } from "node:fs";
import { renderErrorsDoc } from "../errors-doc.js";
import { repoRoot } from "./repo-root.js";

const file = `${repoRoot()}/docs/errors.md`;
writeFileSync(file, renderErrorsDoc());
process.stdout.write(`wrote ${file}\n`);
