/**
 * The Done-when flow as a user runs it: the real CLI in subprocesses against a real dev
 * node process — two carriers, a claim, its confirmation, a port and its acceptance — and
 * the dip route showing the new carrier and routing number.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusalCode as refusal } from "../../testing/dev-cli.js";
import type { NumberView } from "./routes.js";

const dev = devCliFile("telchain-numbers-cli-");
const { cli } = dev;

test("bad arguments are refused before anything is sent", async () => {
  assert.equal(
    refusal(await cli("number", "claim", "+1555", "--carrier", "AAA", "--from", "dev3", "--json")),
    "NUMBERS_BAD_NUMBER",
  );
  assert.equal(refusal(await cli("number", "show", "1555", "--json")), "NUMBERS_BAD_NUMBER");
  assert.equal(
    refusal(await cli("carrier", "register", "--id", "aa", "--name", "x", "--from", "dev1", "--json")),
    "CARRIER_BAD_ID",
  );
  const offline = await cli(
    "carrier",
    "register",
    "--id",
    "AAA",
    "--name",
    "A",
    "--prefix",
    "0123",
    "--from",
    "dev1",
    "--api",
    "http://127.0.0.1:1",
  );
  assert.equal(offline.code, 1);
  assert.match(offline.stderr, /^error \[CARRIER_BAD_DATA\]: routing prefix "0123"/);
});

test("register two carriers, claim, confirm, port, accept-port: the dip shows the new carrier", async () => {
  const a = json(
    await cli("carrier", "register", "--id", "AAA", "--name", "Carrier A", "--from", "dev1", "--json"),
  );
  assert.equal(a.status, "included");
  const carrierA = a.carrier as { operators: string[]; routingPrefixes: string[] };
  assert.deepEqual(carrierA.operators, [devAccount(1).address]);
  // without --prefix: the default prefix of the id (carriers.test.ts checks which)
  const [prefixA] = carrierA.routingPrefixes;
  assert.deepEqual(carrierA.routingPrefixes, [prefixA]);
  assert.match(prefixA, /^1[0-9]{6}$/);
  const b = json(
    await cli("carrier", "register", "--id", "BBB", "--name", "Carrier B", "--from", "dev2", "--json"),
  );
  const [prefixB] = (b.carrier as { routingPrefixes: string[] }).routingPrefixes;
  const shown = await cli("carrier", "show", "BBB");
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /name\s+Carrier B/);
  assert.equal(
    refusal(await cli("carrier", "register", "--id", "AAA", "--name", "again", "--from", "dev4", "--json")),
    "CARRIER_EXISTS",
  );

  const claimed = json(
    await cli("number", "claim", "+15551230000", "--carrier", "AAA", "--from", "dev3", "--json"),
  );
  assert.equal((claimed.entry as NumberView).status, "pending-confirmation");
  assert.equal(
    refusal(await cli("number", "claim", "+15551230000", "--carrier", "BBB", "--from", "dev4", "--json")),
    "NUMBERS_TAKEN",
  );
  assert.equal(
    refusal(await cli("number", "confirm", "+15551230000", "--from", "dev2", "--json")),
    "NUMBERS_NOT_CARRIER",
  );
  // One E.164 rule in every command, signed ones included: the bare digits are the same number.
  const confirmed = json(await cli("number", "confirm", "15551230000", "--from", "dev1", "--json"));
  assert.equal((confirmed.entry as NumberView).routingNumber, prefixA);
  assert.equal(confirmed.number, "+15551230000", "shown in the + form");

  json(await cli("number", "port", "+15551230000", "--to-carrier", "BBB", "--from", "dev3", "--json"));
  assert.equal(
    refusal(await cli("number", "accept-port", "+15551230000", "--from", "dev1", "--json")),
    "NUMBERS_NOT_CARRIER",
  );
  const accepted = await cli("number", "accept-port", "+15551230000", "--from", "dev2");
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.match(accepted.stdout, /carrier\s+BBB/);

  const dip = await dev.h.node.get<NumberView>("/v1/numbers/%2B15551230000");
  assert.equal(dip.status, 200);
  assert.equal(dip.body.carrier, "BBB");
  assert.equal(dip.body.routingNumber, prefixB);
  assert.notEqual(dip.body.routingNumber, prefixA, "the routing number changed");
  assert.equal(dip.body.ported, true);
  assert.equal(dip.body.holder, devAccount(3).address);
  assert.deepEqual(
    dip.body.history.map((h) => h.kind),
    ["claimed", "confirmed", "ported"],
  );
  const show = json(await cli("number", "show", "15551230000", "--json"));
  assert.deepEqual(show, dip.body);

  // release: the number is gone, the deposit is back
  const released = json(await cli("number", "release", "+15551230000", "--from", "dev3", "--json"));
  assert.equal(released.status, "included");
  assert.equal((await dev.h.node.get("/v1/numbers/15551230000")).status, 404);
});
