/**
 * Keeps the error catalogues, the source and docs/errors.md in step:
 *  (a) every code the source raises or checks is declared in a catalogue;
 *  (b) every declared code is used somewhere in the source outside its catalogue;
 *  (c) docs/errors.md is exactly what the catalogues generate (`npm run docs:errors`).
 *
 * The source is read as text from the repository root (this file also runs compiled from
 * dist/src/). A code is found as any string literal of capitals with an underscore
 * (`"TX_BAD_NONCE"`: codes, whatever helper they are passed to), and, for one-word codes
 * (`"INTERNAL"`, `"CANCELLED"`), as the code argument of the forms that take one:
 * `new XError("X"`, `super("X"`, `ensure(cond, "X",`, `errorBody("X"`, `fail("X"`,
 * `refuse(…, "X"`, `code: "X"`, `?? "X"`, `code === "X"`. Comments are skipped, and so are
 * test-only files (*.test.ts, test-*.ts, src/testing/) and the catalogues themselves.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { test } from "node:test";
import { CORE_ERROR_CATALOGUES } from "./core-errors.js";
import type { ErrorCatalogue } from "./errors.js";
import { documentedCatalogues, renderErrorsDoc } from "./errors-doc.js";
import { allModules } from "./modules/index.js";
import { repoRoot } from "./scripts/repo-root.js";

/**
 * Modules whose source codes are not checked yet: their engineers are still writing their
 * catalogue (src/modules/<name>/errors.ts, handed to the core as Module.errors). Remove a
 * name once its module declares every code it raises.
 */
const MODULES_PENDING: readonly string[] = [];

/** Capitals-with-underscore literals that are not error codes. */
const NOT_CODES: readonly RegExp[] = [
  /^FST_ERR_/, // Fastify's own error codes, mapped in src/api/errors.ts
  /^TELCHAIN_[A-Z]+$/, // environment variables (TELCHAIN_API, TELCHAIN_PASSPHRASE, …)
  /^ERR_/, // Node's own error codes (ERR_HTTP_REQUEST_TIMEOUT, …)
  /^HPE_/, // Node's HTTP parser (llhttp) error codes (HPE_HEADER_OVERFLOW, …)
  /^E(?:ACCES|ADDRINUSE|ADDRNOTAVAIL|CONNREFUSED|CONNRESET|EXIST|ISDIR|NOENT|NOTDIR|NOTEMPTY|PERM|PIPE|TIMEDOUT)$/, // system errors
];

const ROOT = repoRoot();

/** Source files scanned: src/ and bench/, without tests, test helpers and catalogues. */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "testing" && e.name !== "node_modules") walk(p);
      } else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) {
        const rel = relative(ROOT, p).split(sep).join("/");
        if (e.name.endsWith(".test.ts") || e.name.startsWith("test-")) continue;
        if (isCatalogueFile(rel) || rel === "src/errors-doc.ts" || rel === "src/errors.ts") continue;
        out.push(rel);
      }
    }
  };
  walk(join(ROOT, "src"));
  walk(join(ROOT, "bench"));
  return out.sort();
}

function isCatalogueFile(rel: string): boolean {
  return /^src\/[a-z0-9-]+\/error-codes\.ts$/.test(rel) || /^src\/modules\/[a-z0-9-]+\/errors\.ts$/.test(rel);
}

/** The module a source file belongs to, or undefined for the core. */
function moduleOf(rel: string): string | undefined {
  return /^src\/modules\/([^/]+)\//.exec(rel)?.[1];
}

/** The text with comments blanked out; strings and template literals kept. */
function stripComments(src: string): string {
  let out = "";
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === "/" && next === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === "\\" ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const LITERAL = /["'`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)["'`]/g;
const CODE = String.raw`["'\`]([A-Z][A-Z0-9_]*)["'\`]`;
const CODE_ARGUMENT = new RegExp(
  [
    String.raw`new\s+\w*Error\(\s*${CODE}`,
    String.raw`\bsuper\(\s*${CODE}`,
    String.raw`\bensure\([^;]*?,\s*${CODE}\s*,`,
    String.raw`\b(?:errorBody|fail)\(\s*${CODE}`,
    String.raw`\brefuse\w*\([^;]*?,\s*${CODE}`,
    String.raw`\bcode\s*:\s*${CODE}`,
    String.raw`\?\?\s*${CODE}`,
    String.raw`\bcode\s*[!=]==?\s*${CODE}`,
  ].join("|"),
  "g",
);

/** Every code a text uses: the literals and the code arguments. */
function codesIn(text: string): Set<string> {
  const src = stripComments(text);
  const found = new Set<string>();
  for (const m of src.matchAll(LITERAL)) if (!NOT_CODES.some((re) => re.test(m[1]))) found.add(m[1]);
  for (const m of src.matchAll(CODE_ARGUMENT)) {
    const code = m.slice(1).find((g) => g !== undefined);
    if (code && !NOT_CODES.some((re) => re.test(code))) found.add(code);
  }
  return found;
}

/** code → files using it. */
function usesInSource(): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const rel of sourceFiles()) {
    for (const code of codesIn(readFileSync(join(ROOT, rel), "utf8"))) {
      const files = uses.get(code) ?? [];
      files.push(rel);
      uses.set(code, files);
    }
  }
  return uses;
}

function codesOf(catalogues: readonly ErrorCatalogue[]): Map<string, string> {
  const scopeOf = new Map<string, string>();
  for (const c of catalogues) for (const code of Object.keys(c.codes)) scopeOf.set(code, c.scope);
  return scopeOf;
}

/** The core's own module (src/account/, key rotation) declares its codes among the core catalogues. */
const modules = allModules().filter((m) => m.name !== "account");
const moduleCatalogues = modules.flatMap((m) => (m.errors ? [m.errors] : []));
const core = codesOf(CORE_ERROR_CATALOGUES);
const all = codesOf([...CORE_ERROR_CATALOGUES, ...moduleCatalogues]);

test("the scanner finds codes in every form, and not in comments", () => {
  const src = [
    'throw new TelchainError("ONE", "m");',
    'throw new TelchainError(\n  "TWO_WORDS",\n  `x`);',
    'ensure(a.b(c, "x"), "THREE", "m");',
    'ensure(\n  x === "y",\n  "FOUR",\n  "m",\n);',
    'super("FIVE", "m");',
    'return errorBody("SIX", "m");',
    'await fail("SEVEN", "m");',
    'new TextType({ code: "EIGHT", maxBytes: 1 });',
    'this.rules.code ?? "NINE"',
    'if (e.code === "TEN") return;',
    'text(b, "HELPER_CODE", "what");',
    '// throw new TelchainError("IN_A_COMMENT", "m")',
    '/* "IN_A_BLOCK_COMMENT" */ const url = "http://x"; // "AFTER_URL_COMMENT"',
    'process.env.TELCHAIN_API; new Option("--api").env("TELCHAIN_API");',
    'const mapped = { FST_ERR_BAD_URL: "BAD_URL" }; if (x === "FST_ERR_VALIDATION") {}',
    'const s = "lower_case and Mixed_Case and SPACE IN";',
    'if ((e as NodeJS.ErrnoException).code === "ENOENT" || err.code === "ERR_STREAM_PREMATURE_CLOSE") {}',
  ].join("\n");
  assert.deepEqual([...codesIn(src)].sort(), [
    "BAD_URL",
    "EIGHT",
    "FIVE",
    "FOUR",
    "HELPER_CODE",
    "NINE",
    "ONE",
    "SEVEN",
    "SIX",
    "TEN",
    "THREE",
    "TWO_WORDS",
  ]);
});

test("src/core-errors.ts lists the catalogue of every src/<package>/error-codes.ts", async () => {
  const dirs = readdirSync(join(ROOT, "src"), { withFileTypes: true }).filter((e) => e.isDirectory());
  const files = dirs
    .map((d) => `${d.name}/error-codes`)
    .filter((f) => existsSync(join(ROOT, "src", `${f}.ts`)));
  assert.ok(files.length > 0, "no src/<package>/error-codes.ts found");
  for (const f of files) {
    const exported = Object.values((await import(`./${f}.js`)) as Record<string, unknown>);
    const catalogues = exported.filter(
      (v): v is ErrorCatalogue => typeof v === "object" && v !== null && "codes" in v,
    );
    assert.ok(catalogues.length > 0, `src/${f}.ts exports no catalogue`);
    for (const c of catalogues)
      assert.ok(
        CORE_ERROR_CATALOGUES.includes(c),
        `src/core-errors.ts does not list ${c.scope} (src/${f}.ts)`,
      );
  }
});

test("every module hands the core its error catalogue (Module.errors), scoped by its name", (t) => {
  const missing = modules.filter((m) => !m.errors).map((m) => m.name);
  const pendingMissing = missing.filter((n) => MODULES_PENDING.includes(n));
  if (pendingMissing.length > 0)
    t.diagnostic(`modules without a catalogue yet (MODULES_PENDING): ${pendingMissing.join(", ")}`);
  const overdue = missing.filter((n) => !MODULES_PENDING.includes(n));
  assert.deepEqual(overdue, [], `modules with no Module.errors catalogue: ${overdue.join(", ")}`);
  for (const m of modules) {
    if (m.errors)
      assert.equal(m.errors.scope, m.name, `module ${m.name} declares its codes as "${m.errors.scope}"`);
  }
  for (const n of MODULES_PENDING)
    assert.ok(
      modules.some((m) => m.name === n),
      `MODULES_PENDING names ${n}, which is no module`,
    );
});

test("(a) every code used in the source is declared in a catalogue", (t) => {
  const undeclared: string[] = [];
  const skipped = new Set<string>();
  for (const [code, files] of usesInSource()) {
    for (const rel of files) {
      const module = moduleOf(rel);
      if (module && MODULES_PENDING.includes(module)) {
        if (!all.has(code)) skipped.add(`${module}: ${code}`);
        continue;
      }
      // The core may use only core codes; a module, the core's and the modules' codes.
      const declared = module ? all.has(code) : core.has(code);
      if (!declared) {
        const where = module ? `module ${module} (src/modules/${module}/errors.ts)` : "a core catalogue";
        undeclared.push(`${code} in ${rel}: not declared in ${where}`);
      }
    }
  }
  if (skipped.size > 0)
    t.diagnostic(`not checked (MODULES_PENDING), undeclared so far: ${[...skipped].sort().join(", ")}`);
  assert.deepEqual(undeclared.sort(), [], `undeclared codes:\n  ${undeclared.sort().join("\n  ")}`);
});

test("(b) every declared code is used in the source outside its catalogue", () => {
  const uses = usesInSource();
  const unused = [...all].filter(([code]) => !uses.has(code)).map(([code, scope]) => `${code} (${scope})`);
  assert.deepEqual(unused.sort(), [], `declared but never used: ${unused.sort().join(", ")}`);
});

test("every declared code has a one-line description", () => {
  for (const c of [...CORE_ERROR_CATALOGUES, ...moduleCatalogues]) {
    for (const [code, spec] of Object.entries(c.codes)) {
      assert.ok(spec.description.trim().length > 10, `${code} (${c.scope}) needs a description`);
      assert.ok(!spec.description.includes("\n"), `${code} (${c.scope}): the description is one line`);
    }
  }
});

test("(c) docs/errors.md lists exactly the declared codes, as npm run docs:errors writes it", () => {
  const file = readFileSync(join(ROOT, "docs", "errors.md"), "utf8");
  const listed = new Set([...file.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]));
  const declared = new Set(all.keys());
  const missing = [...declared].filter((c) => !listed.has(c)).sort();
  const extra = [...listed].filter((c) => !declared.has(c)).sort();
  const hint = "run npm run docs:errors";
  assert.deepEqual(missing, [], `docs/errors.md lacks ${missing.join(", ")}: ${hint}`);
  assert.deepEqual(extra, [], `docs/errors.md lists undeclared ${extra.join(", ")}: ${hint}`);
  assert.ok(
    file === renderErrorsDoc(documentedCatalogues(modules)),
    `docs/errors.md differs from the catalogues (status, class or description): ${hint}`,
  );
});

test("docs/wallet.md lists every code of the wallet flows (keys, allowances, recovery, memos) as declared", () => {
  const file = readFileSync(join(ROOT, "docs", "wallet.md"), "utf8");
  const rows = new Map(
    [...file.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([a-z-]+) \| (.*) \|$/gm)].map((m) => [m[1], m[2]]),
  );
  const wanted = [...all.keys()].filter(
    (c) =>
      /^(ALLOWANCES|RECOVERY|MEMO|VIEW_KEY)_/.test(c) ||
      [
        "ACCOUNT_BAD_KEY",
        "ACCOUNT_SAME_KEY",
        "ACCOUNT_BAD_MEMO_KEY",
        "ACCOUNT_LOCKED",
        "TX_KEY_ROTATED",
      ].includes(c) ||
      c === "SIGNER_KEY_ROTATED",
  );
  const missing = wanted.filter((c) => !rows.has(c)).sort();
  assert.deepEqual(missing, [], `docs/wallet.md's error codes lack ${missing.join(", ")}`);
  for (const [code, cls] of rows) {
    const spec = [...CORE_ERROR_CATALOGUES, ...moduleCatalogues].find((c) => code in c.codes)?.codes[code];
    assert.ok(spec, `docs/wallet.md lists ${code}, which no catalogue declares`);
    assert.equal(cls, spec.class, `docs/wallet.md gives ${code} the class ${cls}`);
  }
});
