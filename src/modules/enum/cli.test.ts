/**
 * The enum commands as a user runs them: the real CLI in a subprocess against a real dev
 * node process (and a real `verifier serve` for the verifier flow).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { test } from "node:test";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusalCode as refusal } from "../../testing/dev-cli.js";
import { cliPath, freePort } from "../../testing/node-process.js";
import { devVerifier } from "./dev-verifier.js";

const dev = devCliFile("telchain-enum-cli-");
const { cli, nonce } = dev;

test("bad numbers and records are refused before anything is sent", async () => {
  const before = await nonce(1);
  for (const number of ["+1555", "1555", "+1 555 123 4567", "+999123", "tel:+15551234567"]) {
    const run = await cli(
      "enum",
      "register",
      number,
      "--from",
      "dev1",
      "--sip",
      "sip:a@example.com",
      "--json",
    );
    assert.equal(refusal(run), "ENUM_BAD_NUMBER", number);
    // Not even the node is asked: an unreachable node makes no difference.
    const offline = await cli("enum", "register", number, "--from", "dev1", "--api", "http://127.0.0.1:1");
    assert.equal(offline.code, 1);
    assert.match(offline.stderr, /^error \[ENUM_BAD_NUMBER\]: /);
  }
  const withRecord = (record: string, ...more: string[]) =>
    cli("enum", "register", "+15551230000", "--from", "dev1", "--record", record, ...more);
  assert.equal(refusal(await withRecord("{order:1", "--json")), "ENUM_BAD_RECORD");
  const badRecord = await withRecord(
    '{"order":1,"preference":1,"flags":"U","service":"sip","regexp":"!^.*$!sip:a@b!"}',
  );
  assert.match(badRecord.stderr, /^error \[ENUM_BAD_RECORD\]: record 0: service "sip"/);
  assert.equal(refusal(await cli("enum", "show", "+999123", "--json")), "ENUM_BAD_NUMBER");
  assert.equal(await nonce(1), before, "no transaction was sent");
});

test("register, show, set, transfer; the same number again is ENUM_TAKEN", async () => {
  const reg = json(
    await cli(
      "enum",
      "register",
      "+15551234567",
      "--from",
      "dev1",
      "--sip",
      "sip:alice@example.com",
      "--json",
    ),
  );
  assert.equal(reg.number, "+15551234567");
  assert.equal(reg.owner, devAccount(1).address);
  assert.match(String(reg.commitTx), /^[0-9a-f]{64}$/);
  assert.match(String(reg.registerTx), /^[0-9a-f]{64}$/);
  assert.match(String(reg.salt), /^[0-9a-f]{64}$/);
  assert.equal(reg.status, "included");
  assert.equal(reg.expiresAt, Number(reg.height) + 100_000, "dev registrationPeriod");
  const commitTx = await dev.h.node.get<{ height: number }>(`/v1/txs/${reg.commitTx}`);
  assert.ok(Number(reg.height) - commitTx.body.height >= 2, "the reveal waited for commitMinAge blocks");

  const shown = json(await cli("enum", "show", "+15551234567", "--json"));
  assert.equal(shown.owner, devAccount(1).address);
  assert.equal(shown.verifier, devVerifier().address);
  assert.equal(shown.status, "active");
  assert.deepEqual(shown.records, [
    {
      order: 100,
      preference: 10,
      flags: "U",
      service: "E2U+sip",
      regexp: "!^.*$!sip:alice@example.com!",
      replacement: ".",
    },
  ]);
  const human = await cli("enum", "show", "15551234567");
  assert.equal(human.code, 0);
  assert.match(human.stdout, /^owner +tel1/m);
  assert.match(human.stdout, /^records +7\.6\.5\.4\.3\.2\.1\.5\.5\.5\.1\.e164\.arpa\.$/m);
  assert.match(human.stdout, /^ {2}NAPTR 100 10 "U" "E2U\+sip" "!\^\.\*\$!sip:alice@example\.com!" \.$/m);

  const setBy1 = (...args: string[]) =>
    cli("enum", "set", "+15551234567", "--from", "dev1", ...args, "--json");
  const set = json(
    await setBy1(
      "--sip",
      "sip:bob@example.org",
      "--record",
      '{"order":100,"preference":20,"flags":"u","service":"E2U+voice:tel","regexp":"!^.*$!tel:+15551234567!"}',
    ),
  );
  assert.equal(set.status, "included");
  const afterSet = json(await cli("enum", "show", "+15551234567", "--json")) as {
    records: { regexp: string; flags: string }[];
  };
  assert.deepEqual(
    afterSet.records.map((r) => [r.flags, r.regexp]),
    [
      ["U", "!^.*$!sip:bob@example.org!"],
      ["U", "!^.*$!tel:+15551234567!"],
    ],
  );

  // One E.164 rule in every command, signed ones included: the bare digits are the same number.
  const tr = json(
    await cli("enum", "transfer", "15551234567", "--to", devAccount(2).address, "--from", "dev1", "--json"),
  );
  assert.equal(tr.to, devAccount(2).address);
  assert.equal(tr.number, "+15551234567", "sent in the + form");
  assert.equal(json(await cli("enum", "show", "+15551234567", "--json")).owner, devAccount(2).address);
  assert.equal(refusal(await setBy1("--sip", "sip:x@example.com")), "ENUM_NOT_OWNER");

  const before = await nonce(3);
  const again = await cli("enum", "register", "+15551234567", "--from", "dev3", "--json");
  assert.equal(refusal(again), "ENUM_TAKEN");
  assert.equal(await nonce(3), before, "refused before the commit");
});

test("human register shows the four steps on stderr; renew and reattest extend the number", async () => {
  const run = await cli(
    "enum",
    "register",
    "+15551230001",
    "--from",
    "dev4",
    "--sip",
    "sip:dave@example.com",
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stderr,
    /^1\/4 committing \(salted hash of number\+owner\)… \.*\n?included at height \d+$/m,
  );
  assert.match(run.stderr, /^2\/4 waiting \d+ blocks? for the commit to mature… height \d+$/m);
  assert.match(run.stderr, /^3\/4 attestation from the dev verifier$/m);
  assert.match(run.stderr, /4\/4 revealing… \.*\n?registered at height \d+, expires at height \d+$/m);
  assert.match(run.stdout, /^expires at +\d+$/m);

  const before = json(await cli("enum", "show", "+15551230001", "--json"));
  const renewed = json(await cli("enum", "renew", "+15551230001", "--from", "dev4", "--json"));
  assert.equal(renewed.expiresAt, Number(before.expiresAt) + 100_000, "one more period");
  const re = json(await cli("enum", "reattest", "+15551230001", "--from", "dev4", "--json"));
  assert.equal(re.status, "included");
  assert.equal(json(await cli("enum", "show", "+15551230001", "--json")).attestedUntil, re.attestedUntil);
  assert.equal(
    refusal(await cli("enum", "renew", "+15551230001", "--from", "dev5", "--json")),
    "ENUM_NOT_OWNER",
  );

  const verifiers = json(await cli("enum", "verifiers", "--json")) as { verifiers: { address: string }[] };
  assert.deepEqual(
    verifiers.verifiers.map((v) => v.address),
    [devVerifier().address],
  );
});

/** `telchain verifier serve --dev` in a subprocess; its stdout is where the dev channel "sends" codes. */
async function startVerifier(): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [cliPath(), "verifier", "serve", "--dev", "--listen", `127.0.0.1:${port}`],
    {
      env: dev.h.env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  proc.stdout?.on("data", (d) => {
    out += d;
  });
  proc.stderr?.on("data", (d) => {
    out += d;
  });
  const deadline = Date.now() + 15_000;
  while (!/listening on/.test(out)) {
    assert.ok(Date.now() < deadline && proc.exitCode === null, `verifier did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.match(out, new RegExp(`verifier ${devVerifier().address} for chain telchain-dev listening on`));
  return { proc, url: `http://127.0.0.1:${port}`, output: () => out };
}

async function codeFor(output: () => string, number: string, nth: number): Promise<string> {
  const re = new RegExp(`code for \\${number}: ([0-9]{6})`, "g");
  for (let i = 0; i < 400; i++) {
    const codes = [...output().matchAll(re)].map((m) => m[1]);
    if (codes.length >= nth) return codes[nth - 1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no code for ${number} in the verifier's output:\n${output()}`);
}

test("register through a verifier service: challenge, code from its channel, signed attestation", async () => {
  const v = await startVerifier();
  try {
    const number = "+15557654321";
    const ch = json(await cli("enum", "challenge", number, "--from", "dev5", "--verifier", v.url, "--json"));
    assert.match(String(ch.challengeId), /^[0-9a-f]{32}$/);
    assert.equal(ch.owner, devAccount(5).address);
    const code = await codeFor(v.output, number, 1);

    const reg = json(
      await cli(
        "enum",
        "register",
        number,
        "--from",
        "dev5",
        "--sip",
        "sip:eve@example.net",
        "--verifier",
        v.url,
        "--challenge",
        String(ch.challengeId),
        "--code",
        code,
        "--json",
      ),
    );
    assert.equal(reg.owner, devAccount(5).address);
    const shown = json(await cli("enum", "show", number, "--json"));
    assert.equal(shown.verifier, devVerifier().address);
    assert.equal(shown.status, "active");

    // Interactively: the CLI asks the verifier for a code and reads it from stdin.
    const other = "+15557654323";
    const child = spawn(
      process.execPath,
      [cliPath(), "enum", "register", other, "--from", "dev7", "--verifier", v.url],
      { env: dev.h.env, stdio: ["pipe", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => {
      stdout += d;
    });
    child.stderr?.on("data", (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((r) => child.once("exit", r));
    child.stdin?.write(`${await codeFor(v.output, other, 1)}\n`);
    assert.equal(await exited, 0, stderr);
    assert.match(stderr, /^3\/4 attestation from the verifier at http:\/\/127\.0\.0\.1:\d+ \(tel1/m);
    assert.match(stderr, /a code was sent to \+15557654323 via the verifier's channel \(console \(dev\)\)/);
    assert.match(stdout, /^owner +tel1/m);
    assert.equal(json(await cli("enum", "show", other, "--json")).owner, devAccount(7).address);

    // A wrong code is refused by the verifier, before any transaction.
    const ch2 = json(
      await cli("enum", "challenge", "+15557654322", "--from", "dev6", "--verifier", v.url, "--json"),
    );
    const right = await codeFor(v.output, "+15557654322", 1);
    const before = await nonce(6);
    const wrong = await cli(
      "enum",
      "reattest",
      "+15557654322",
      "--from",
      "dev6",
      "--verifier",
      v.url,
      "--challenge",
      String(ch2.challengeId),
      "--code",
      right === "000000" ? "000001" : "000000",
      "--json",
    );
    assert.equal(refusal(wrong), "VERIFIER_WRONG_CODE");
    assert.equal(await nonce(6), before);
  } finally {
    v.proc.kill("SIGTERM");
  }
});
