/**
 * The core's routes and CLI commands made from a module's declared lookups and lists
 * (src/module/lookup.ts, src/module/list.ts): filters as query fields, exactly one of them,
 * codes for bad ids and filters, NOT_FOUND, the OpenAPI text; the CLI's show and list parse
 * their arguments with the same rules and ask the node for the same paths.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Type } from "@sinclair/typebox";
import { Command } from "commander";
import Fastify from "fastify";
import { classifyError, errorBody } from "../api/errors.js";
import { listRoute, registerListRoute } from "../api/list-route.js";
import { registerLookupRoute } from "../api/lookup-route.js";
import { compareBytes } from "../bytes.js";
import { registerListCommand } from "../cli/list-command.js";
import { registerShowCommand } from "../cli/show-command.js";
import { encodeAddress } from "../crypto/address.js";
import { TelchainError } from "../errors.js";
import type { CliContext, QueryContext } from "./interface.js";
import { defineList } from "./list.js";
import { defineLookup } from "./lookup.js";
import { indexOn } from "./store.js";

const OWNER = new Uint8Array(32).fill(7);
const byOwner = indexOn("o/");
const byColour = indexOn("c/");
const Item = Type.Object({ id: Type.String() });

/** A module state of index keys (what the list scans), scanned like the state database. */
const keys = [byOwner.key(OWNER, "a1"), byOwner.key(OWNER, "b2"), byColour.key("red", "a1")].sort(
  compareBytes,
);
const q = {
  scan(prefix: Uint8Array, limit: number, after?: Uint8Array) {
    const starts = (k: Uint8Array) => compareBytes(k.subarray(0, prefix.length), prefix) === 0;
    return keys
      .filter((k) => starts(k) && (!after || compareBytes(k, after) > 0))
      .slice(0, limit)
      .map((key) => ({ key, value: Uint8Array.of(1) }));
  },
} as QueryContext;

const lookup = defineLookup({
  path: "/v1/things/:id",
  operationId: "getThing",
  summary: "A thing",
  description: "A thing by id.",
  param: {
    help: "two characters",
    maxLength: 8,
    parse(raw) {
      if (!/^[a-z][0-9]$/.test(raw)) throw new TelchainError("BAD_ARGUMENT", `bad thing id "${raw}"`);
      return raw;
    },
  },
  schema: Item,
  get: (_q, id) => (id === "a1" || id === "b2" ? { id } : undefined),
  notFound: (id) => `no thing ${id}`,
  command: "thing",
  about: "a thing",
  format: (v) => `thing ${v.id}`,
});
const list = defineList({
  path: "/v1/things",
  operationId: "listThings",
  summary: "List things",
  noun: "things",
  order: "id order",
  command: "thing",
  filters: {
    owner: { help: "that an address owns", address: byOwner.prefix },
    colour: { help: "of a colour", text: byColour.prefix, maxLength: 8 },
  },
  schema: Item,
  item: (_q, id) => ({ id }),
  line: (v) => `- ${v.id}`,
});

async function app() {
  const a = Fastify();
  a.setErrorHandler((err, _request, reply) => {
    const { status, code, message } = classifyError(err);
    return reply.status(status).send(errorBody(code, message));
  });
  registerLookupRoute(a, q, "things", lookup);
  registerListRoute(a, q, "things", list);
  await a.ready();
  return a;
}

test("a lookup's route: the record, the param's own code, NOT_FOUND with the module's message", async () => {
  const a = await app();
  const get = async (url: string) => {
    const r = await a.inject({ method: "GET", url });
    return [r.statusCode, r.json()] as const;
  };
  assert.deepEqual(await get("/v1/things/a1"), [200, { id: "a1" }]);
  assert.deepEqual(await get("/v1/things/z9"), [404, errorBody("NOT_FOUND", "no thing z9")]);
  const [status, bad] = await get("/v1/things/zz");
  assert.equal(status, 400);
  assert.equal(bad.error.code, "BAD_ARGUMENT");
  assert.equal((await get(`/v1/things/${"a".repeat(9)}`))[1].error.code, "BAD_REQUEST", "over maxLength");
  await a.close();
});

test("a list's route: exactly one filter, an address or a text, paged", async () => {
  const a = await app();
  const get = async (query: string) => {
    const r = await a.inject({ method: "GET", url: `/v1/things?${query}` });
    return [r.statusCode, r.json()] as const;
  };
  const owner = `owner=${encodeAddress(OWNER)}`;
  assert.deepEqual(await get(owner), [200, { items: [{ id: "a1" }, { id: "b2" }], next: null }]);
  assert.deepEqual(await get("colour=red"), [200, { items: [{ id: "a1" }], next: null }]);
  assert.deepEqual(await get("colour=blue"), [200, { items: [], next: null }]);
  const [, first] = await get(`${owner}&limit=1`);
  assert.deepEqual(first.items, [{ id: "a1" }]);
  assert.deepEqual((await get(`${owner}&limit=1&cursor=${first.next}`))[1], {
    items: [{ id: "b2" }],
    next: null,
  });
  for (const [query, code] of [
    ["", "BAD_REQUEST"],
    [`${owner}&colour=red`, "BAD_REQUEST"],
    ["owner=tel1nope", "ADDRESS_INVALID"],
    ["colour=waytoolongcolour", "BAD_REQUEST"],
    [`${owner}&cursor=xyz`, "BAD_CURSOR"],
  ]) {
    const [status, body] = await get(query);
    assert.equal(status, 400, query);
    assert.equal(body.error.code, code, query);
  }
  await a.close();
});

test("a list's OpenAPI text names its filters and refusals; a single filter is required", () => {
  const r = listRoute(list, "things");
  assert.match(
    r.description,
    /The things that an address owns \(\?owner=\) or of a colour \(\?colour=\), in id order/,
  );
  assert.match(r.description, /400 BAD_REQUEST without exactly one filter, ADDRESS_INVALID .*, BAD_CURSOR/);
  assert.deepEqual(r.querystring?.required ?? [], []);
  const single = listRoute({ ...list, filters: { owner: { help: "owned", address: byOwner.prefix } } }, "t");
  assert.deepEqual(single.querystring?.required, ["owner"]);
});

/** The CLI's commands over a context that records the paths it asks for. */
function cli() {
  const asked: string[] = [];
  const printed: unknown[] = [];
  const ctx: CliContext = {
    submit: () => Promise.reject(new Error("not used")),
    callByName: () => {
      throw new Error("not used");
    },
    async get(_api, path) {
      asked.push(path);
      return path.startsWith("/v1/things/") ? { id: "a1" } : { items: [{ id: "a1" }], next: null };
    },
    print: (_json, value, human) => printed.push([value, human()]),
  };
  const program = new Command().exitOverride().option("--api <url>", "", "http://x").option("--json");
  registerShowCommand(program, ctx, lookup);
  registerListCommand(program, ctx, list);
  const run = (...args: string[]) => program.parseAsync(["node", "telchain", ...args]);
  return { run, asked, printed };
}

test("the CLI's show and list: same parse, same paths, one filter", async () => {
  const c = cli();
  await c.run("thing", "show", "a1");
  await c.run("thing", "list", "--colour", "red");
  await c.run("thing", "list", "--owner", encodeAddress(OWNER), "--limit", "5");
  assert.deepEqual(c.asked, [
    "/v1/things/a1",
    "/v1/things?colour=red",
    `/v1/things?owner=${encodeAddress(OWNER)}&limit=5`,
  ]);
  assert.deepEqual(c.printed[0], [{ id: "a1" }, "thing a1"]);
  assert.deepEqual(c.printed[1], [{ items: [{ id: "a1" }], next: null }, "- a1"]);
  const refused = async (args: string[], code: string) =>
    assert.rejects(cli().run(...args), (e: unknown) => e instanceof TelchainError && e.code === code);
  await refused(["thing", "show", "zz"], "BAD_ARGUMENT");
  await refused(["thing", "list"], "BAD_ARGUMENT");
  await refused(["thing", "list", "--colour", "red", "--owner", encodeAddress(OWNER)], "BAD_ARGUMENT");
  await refused(["thing", "list", "--owner", "tel1nope"], "ADDRESS_INVALID");
});
