/**
 * The list commands as a user runs them against a real dev node: `number list` one page at a
 * time with --limit/--cursor, --all following the cursors (progress on stderr), --json
 * giving the page object, and bad arguments refused with a code; `carrier list`, `device
 * list` and `enum list` share the same paging (src/cli/list-command.ts).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusalCode as refusal } from "../../testing/dev-cli.js";

const dev = devCliFile("telchain-numbers-cli-list-");
const { cli } = dev;
const holder = devAccount(3).address;
const NUMBERS = ["+15551230001", "+15551230002", "+15551230003"];

test("number list, carrier list, device list and enum list: pages, cursors, --all, --json", async () => {
  json(await cli("carrier", "register", "--id", "AAA", "--name", "Carrier A", "--from", "dev1", "--json"));
  json(await cli("carrier", "register", "--id", "BBB", "--name", "Carrier B", "--from", "dev2", "--json"));
  for (const n of NUMBERS)
    json(await cli("number", "claim", n, "--carrier", "AAA", "--from", "dev3", "--json"));

  const first = json(await cli("number", "list", "--holder", holder, "--limit", "2", "--json")) as {
    items: { number: string }[];
    next: string | null;
  };
  assert.deepEqual(
    first.items.map((v) => v.number),
    NUMBERS.slice(0, 2),
  );
  assert.equal(typeof first.next, "string");
  const rest = json(
    await cli("number", "list", "--holder", holder, "--limit", "2", "--cursor", String(first.next), "--json"),
  ) as { items: { number: string }[]; next: string | null };
  assert.deepEqual(
    rest.items.map((v) => v.number),
    NUMBERS.slice(2),
  );
  assert.equal(rest.next, null);

  const human = await cli("number", "list", "--carrier", "AAA", "--limit", "2");
  assert.equal(human.code, 0, human.stderr);
  const lines = human.stdout.trim().split("\n");
  assert.equal(lines.length, 3);
  assert.match(lines[0] ?? "", /^\+15551230001\s+AAA\s+pending-confirmation$/);
  assert.equal(lines[2], `next: --cursor ${first.next}`);

  const all = await cli("number", "list", "--carrier", "AAA", "--all", "--limit", "1");
  assert.equal(all.code, 0, all.stderr);
  assert.equal(all.stdout.trim().split("\n").length, 3, "every number, no next hint");
  assert.match(all.stderr, /3 items \(3 pages\)/);
  const allJson = json(await cli("number", "list", "--carrier", "AAA", "--all", "--json"));
  assert.equal((allJson.items as unknown[]).length, 3);
  assert.equal(allJson.next, null);
  assert.equal((await cli("number", "list", "--carrier", "BBB")).stdout, "no numbers\n");

  const carriers = await cli("carrier", "list", "--limit", "1");
  assert.equal(carriers.code, 0, carriers.stderr);
  assert.match(carriers.stdout, /^AAA\s+\S+\s+Carrier A\nnext: --cursor [0-9a-f]+\n$/);
  const carriersJson = json(await cli("carrier", "list", "--json"));
  assert.deepEqual(
    (carriersJson.items as { id: string }[]).map((c) => c.id),
    ["AAA", "BBB"],
  );
  assert.equal((await cli("device", "list", "--owner", holder)).stdout, "no devices\n");
  const enumJson = json(await cli("enum", "list", "--owner", holder, "--json"));
  assert.deepEqual(enumJson, { items: [], next: null });
});

test("bad list arguments are refused with a code", async () => {
  assert.equal(refusal(await cli("number", "list", "--json")), "BAD_ARGUMENT");
  assert.equal(
    refusal(await cli("number", "list", "--holder", holder, "--carrier", "AAA", "--json")),
    "BAD_ARGUMENT",
  );
  assert.equal(refusal(await cli("number", "list", "--holder", "tel1nope", "--json")), "ADDRESS_INVALID");
  assert.equal(refusal(await cli("device", "list", "--owner", "x", "--json")), "ADDRESS_INVALID");
  assert.equal(refusal(await cli("enum", "list", "--owner", "x", "--json")), "ADDRESS_INVALID");
  assert.equal(refusal(await cli("carrier", "list", "--limit", "0", "--json")), "BAD_ARGUMENT");
  assert.equal(refusal(await cli("carrier", "list", "--cursor", "zz", "--json")), "BAD_CURSOR");
});
