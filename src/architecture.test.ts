/**
 * The boundary rules of docs/modules.md, checked on the TypeScript sources:
 * - the core imports no module: no file under src/ outside src/modules/ imports from
 *   src/modules/ except the module lists: src/modules/index.ts (the node's), and the
 *   browser-safe src/modules/proofs.ts and src/modules/clients.ts (which the SDK bundles) and
 *   src/modules/explorer.ts (the web explorer's module pages);
 * - no module folder imports another module folder (modules talk through keepers);
 * - no hand-written interface mirrors an SSZ container or a TypeBox object: an interface whose
 *   field names are exactly those of a schema is a second copy of that type (derive it with
 *   ValueOf / Static instead).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { test } from "node:test";
import { repoRoot } from "./testing/fixtures.js";

const root = repoRoot();
const src = join(root, "src");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith(".ts") || name.endsWith(".tsx")) out.push(p);
  }
  return out;
}

const files = sources(src);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec?.startsWith(".")) continue;
    const ts = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
    out.push(existsSync(ts) ? ts : `${ts}x`);
  }
  return out;
}

const modulesDir = join(src, "modules");
const moduleList = join(modulesDir, "index.ts");
/** The lists the core may import: the node's modules, the SDK's proofs and clients, the explorer's module pages. */
const moduleLists = new Set([
  moduleList,
  join(modulesDir, "proofs.ts"),
  join(modulesDir, "clients.ts"),
  join(modulesDir, "explorer.ts"),
]);
/** The module folder a path is in ("numbers"), or undefined outside src/modules/<name>/. */
function moduleOf(p: string): string | undefined {
  const rel = relative(modulesDir, p);
  if (rel.startsWith("..") || !rel.includes(sep)) return undefined;
  return rel.split(sep)[0];
}

test("the core imports no module, only the module list (and the list of proofs)", () => {
  const bad: string[] = [];
  for (const f of files) {
    if (f.startsWith(modulesDir + sep)) continue;
    for (const target of imports(f))
      if (target.startsWith(modulesDir + sep) && !moduleLists.has(target))
        bad.push(`${relative(root, f)} imports ${relative(root, target)}`);
  }
  assert.deepEqual(bad, [], "core files importing module files");
});

test("module folders import no other module (tests: only another module's index), and never in a cycle", () => {
  const bad: string[] = [];
  const edges = new Map<string, Set<string>>();
  for (const f of files) {
    const own = moduleOf(f);
    if (!own) continue;
    const isTest = f.endsWith(".test.ts");
    for (const target of imports(f)) {
      const other = moduleOf(target);
      if (target === moduleList) {
        if (!isTest) bad.push(`${relative(root, f)} imports the module list`);
        continue;
      }
      if (!other || other === own) continue;
      if (!edges.has(own)) edges.set(own, new Set());
      edges.get(own)?.add(other);
      // A test may use another module's public surface (its index: the module and its call builders).
      if (!isTest || target !== join(modulesDir, other, "index.ts"))
        bad.push(`${relative(root, f)} imports ${relative(root, target)}`);
    }
  }
  for (const [a, targets] of edges)
    for (const b of targets) if (edges.get(b)?.has(a)) bad.push(`modules ${a} and ${b} import each other`);
  assert.deepEqual(bad, [], "imports across module folders");
});

/** Field names of `new ContainerType({...})`, `container("Name", {...})` and `Type.Object({...})` literals, by declared name. */
function schemaFields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /(?:const|let)\s+(\w+)\s*=\s*(?:new ContainerType\(|Type\.Object\(|container\(\s*"\w+",)\s*\{/g;
  for (const m of text.matchAll(re)) {
    const fields = topLevelKeys(text, (m.index ?? 0) + m[0].length);
    if (fields.length > 0) out.set(m[1], fields.sort().join(","));
  }
  return out;
}

/** The keys at depth 1 of the object literal that starts right after `start`. */
function topLevelKeys(text: string, start: number): string[] {
  const keys: string[] = [];
  let depth = 1;
  let token = "";
  let atKey = true;
  for (let i = start; i < text.length && depth > 0; i++) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i) + 1;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      i = text.indexOf("\n", i);
      continue;
    }
    if ("{([".includes(c)) depth++;
    else if ("})]".includes(c)) depth--;
    else if (depth === 1 && (c === "," || c === ";" || c === "\n")) {
      atKey = true;
      token = "";
    } else if (depth === 1 && c === ":" && atKey) {
      const k = token.trim().replace(/^"|"$/g, "").replace(/\?$/, "");
      if (/^\w+$/.test(k)) keys.push(k);
      atKey = false;
    } else if (depth === 1 && atKey) token += c;
  }
  return keys;
}

test("no hand-written interface mirrors a schema", () => {
  const shapes = new Map<string, string>(); // field list -> where a schema has it
  const texts = files
    .filter((f) => !f.endsWith(".test.ts"))
    .map((f) => [f, readFileSync(f, "utf8")] as const);
  for (const [f, text] of texts)
    for (const [name, fields] of schemaFields(text)) shapes.set(fields, `${relative(root, f)}: ${name}`);
  const bad: string[] = [];
  for (const [f, text] of texts) {
    for (const m of text.matchAll(/interface\s+(\w+)(?:\s+extends\s+[\w<>, ]+)?\s*\{/g)) {
      const fields = topLevelKeys(text, (m.index ?? 0) + m[0].length)
        .map((k) => k.replace(/\?$/, ""))
        .sort()
        .join(",");
      const schema = shapes.get(fields);
      if (fields && schema) bad.push(`${relative(root, f)}: interface ${m[1]} repeats ${schema}`);
    }
  }
  assert.deepEqual(bad, [], "interfaces that repeat a schema (use ValueOf<typeof S> or Static<typeof S>)");
});
