/**
 * The device commands as a user runs them: the real CLI in a subprocess against a real dev
 * node process. The Done-when flow: dev4 registers and sells to dev5, dev5 accepts and reports
 * it stolen, and the API says "stolen"; a bad check digit is refused before anything is sent.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { sha256 } from "../../crypto/hash.js";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusal } from "../../testing/dev-cli.js";
import { IMEI_1, IMEI_2, IMEI_3 } from "./fixtures.test.js";
import type { DeviceView } from "./lookup.js";

const dev = devCliFile("telchain-devices-cli-");
const { cli, nonce } = dev;

const address = (i: number) => devAccount(i).address;

test("bad IMEIs are refused before anything is sent", async () => {
  const before = await nonce(4);
  const badCheck = refusal(await cli("device", "register", "490154203237519", "--from", "dev4", "--json"));
  assert.equal(badCheck.code, "DEVICES_BAD_IMEI");
  assert.match(badCheck.message, /check digit is 9, expected 8/);
  // Not even the node is asked: an unreachable node makes no difference.
  const offline = await cli(
    "device",
    "register",
    "490154203237519",
    "--from",
    "dev4",
    "--api",
    "http://127.0.0.1:1",
  );
  assert.equal(offline.code, 1);
  assert.match(
    offline.stderr,
    /^error \[DEVICES_BAD_IMEI\]: IMEI 490154203237519: check digit is 9, expected 8/,
  );
  assert.match(
    refusal(await cli("device", "show", "4901542032375", "--json")).message,
    /must be 15 digits, got 13/,
  );
  assert.match(
    refusal(
      await cli("device", "transfer", "49015420323751x", "--to", address(5), "--from", "dev4", "--json"),
    ).message,
    /must contain only digits/,
  );
  assert.equal(
    refusal(await cli("device", "report-stolen", IMEI_1, "--reason", "broken", "--from", "dev4", "--json"))
      .code,
    "DEVICES_BAD_REASON",
  );
  assert.equal(
    refusal(await cli("device", "report-stolen", IMEI_1, "--evidence", "abcd", "--from", "dev4", "--json"))
      .code,
    "DEVICES_BAD_EVIDENCE",
  );
  assert.equal(await nonce(4), before, "no transaction was sent");
});

test("register, transfer, accept, report stolen through the CLI; the API says stolen", async () => {
  const reg = json(await cli("device", "register", IMEI_1, "--from", "dev4", "--json"));
  assert.equal(reg.imei, IMEI_1);
  assert.equal(reg.status, "included");
  assert.match(String(reg.tx), /^[0-9a-f]{64}$/);

  const offer = json(await cli("device", "transfer", IMEI_1, "--to", address(5), "--from", "dev4", "--json"));
  assert.equal(offer.to, address(5));
  assert.equal(offer.status, "included");
  // human output of an accept
  const accepted = await cli("device", "accept", IMEI_1, "--from", "dev5");
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.match(accepted.stdout, new RegExp(`^imei\\s+${IMEI_1}$`, "m"));
  assert.match(accepted.stdout, /^height\s+\d+$/m);

  const report = join(dev.h.dir, "police-report.txt");
  writeFileSync(report, "Stolen on the 12:05 train, case 2026/4711\n");
  const stolen = json(
    await cli(
      "device",
      "report-stolen",
      IMEI_1,
      "--reason",
      "stolen",
      "--evidence-file",
      report,
      "--from",
      "dev5",
      "--json",
    ),
  );
  assert.equal(stolen.reason, "stolen");
  assert.equal(
    stolen.evidence,
    toHex(sha256(new TextEncoder().encode("Stolen on the 12:05 train, case 2026/4711\n"))),
  );

  const res = await dev.h.node.get<DeviceView>(`/v1/devices/${IMEI_1}`);
  assert.equal(res.status, 200);
  assert.equal(res.body.status, "stolen");
  assert.equal(res.body.reason, "stolen");
  assert.equal(res.body.flaggedBy, "owner");
  assert.equal(res.body.owner, address(5));
  assert.equal(res.body.evidence, stolen.evidence);
  assert.deepEqual(
    res.body.history.map((e) => e.event),
    ["registered", "transferred", "reported"],
  );
  assert.equal(res.body.since, stolen.height);

  const shown = await cli("device", "show", IMEI_1);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^status\s+STOLEN$/m);
  assert.match(shown.stdout, /^reason\s+stolen$/m);
  assert.match(shown.stdout, /^flagged by\s+the owner$/m);
  assert.match(shown.stdout, new RegExp(`^owner\\s+${address(5)}$`, "m"));
  assert.match(shown.stdout, /^ {2}height \d+\s+reported \(stolen\) by the owner$/m);
  assert.ok(!shown.stdout.includes(address(4)), "the past owner is not shown");

  // the node refuses what the chain refuses, with the code
  const refused = refusal(
    await cli("device", "transfer", IMEI_1, "--to", address(6), "--from", "dev5", "--json"),
  );
  assert.equal(refused.code, "DEVICES_FLAGGED");
  assert.equal(
    refusal(await cli("device", "register", IMEI_1, "--from", "dev6", "--json")).code,
    "DEVICES_EXISTS",
  );
  assert.equal(
    refusal(await cli("device", "flag", IMEI_1, "--reason", "fraud", "--from", "dev6", "--json")).code,
    "DEVICES_NOT_CARRIER",
  );

  const recovered = json(await cli("device", "recover", IMEI_1, "--from", "dev5", "--json"));
  assert.equal(recovered.status, "included");
  assert.equal((await dev.h.node.get<DeviceView>(`/v1/devices/${IMEI_1}`)).body.status, "clean");
});

test("cancel-transfer, and show of an unregistered IMEI", async () => {
  json(await cli("device", "register", IMEI_2, "--from", "dev6", "--json"));
  json(await cli("device", "transfer", IMEI_2, "--to", address(7), "--from", "dev6", "--json"));
  json(await cli("device", "cancel-transfer", IMEI_2, "--from", "dev6", "--json"));
  assert.equal(
    refusal(await cli("device", "accept", IMEI_2, "--from", "dev7", "--json")).code,
    "DEVICES_NO_PENDING_TRANSFER",
  );
  const shown = await cli("device", "show", IMEI_3);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /^status\s+UNREGISTERED$/m);
  const asJson = json(await cli("device", "show", IMEI_3, "--json"));
  assert.equal(asJson.status, "unregistered");
});
