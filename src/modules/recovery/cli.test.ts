/**
 * The recovery commands as a user runs them: the real CLI in a subprocess against a real dev node
 * (dev genesis: a delay from 30 blocks). dev3 names three guardians; its phone is "lost"; two
 * guardians propose the key of a new wallet, the delay passes, the new wallet executes the recovery
 * and then sends dev3's coins. Also: a veto, a lock, and bad options refused before anything is sent.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusal, runCli, words } from "../../testing/dev-cli.js";

const dev = devCliFile("telchain-recovery-cli-");
const { nonce } = dev;
const addr = (i: number) => devAccount(i).address;
/** The CLI with a passphrase for the test's wallets. */
const cli = (...args: string[]) => runCli(args, { ...dev.h.env, TELCHAIN_PASSPHRASE: "correct horse" });
type Obj = Record<string, unknown>;
const field = (o: unknown, ...path: string[]) => path.reduce((v, k) => (v as Obj)[k], o);
const coins = async (address: string) =>
  BigInt((await dev.h.node.get<{ balance: string }>(`/v1/accounts/${address}`)).body.balance);
const height = async () => (await dev.h.node.get<{ height: number }>("/v1/status")).body.height;

test("bad options are refused before anything is sent", async () => {
  const before = await nonce(3);
  const cases: [string[], string][] = [
    [words`set-guardians --threshold 1 --delay 30`, "RECOVERY_BAD_OPTION"],
    [words`set-guardians --guardian carrier:aa --threshold 1 --delay 30`, "RECOVERY_BAD_GUARDIAN"],
    [words`set-guardians --guardian tel1nope --threshold 1 --delay 30`, "ADDRESS_INVALID"],
    [words`set-guardians --guardian ${addr(4)} --threshold 0 --delay 30`, "RECOVERY_BAD_OPTION"],
    [words`set-guardians --guardian ${addr(4)} --threshold 2 --delay 30`, "RECOVERY_BAD_THRESHOLD"],
    [
      words`set-guardians --guardian ${addr(4)} --guardian ${addr(4)} --threshold 1 --delay 30`,
      "RECOVERY_DUPLICATE_GUARDIAN",
    ],
    [words`set-guardians --guardian ${addr(4)} --threshold 1 --delay 0`, "RECOVERY_BAD_OPTION"],
    [words`propose ${addr(5)} --new-key nosuchwallet`, "BAD_ARGUMENT"],
    [words`propose tel1nope --new-key ${addr(5)}`, "ADDRESS_INVALID"],
  ];
  for (const [args, code] of cases) {
    const r = refusal(await cli("recovery", ...args, "--from", "dev3", "--json"));
    assert.equal(r.code, code, `${args.join(" ")}: ${r.message}`);
  }
  assert.equal(refusal(await cli("recovery", "show", "x", "--json")).code, "ADDRESS_INVALID");
  assert.equal(refusal(await cli("recovery", "show", addr(9), "--json")).code, "NOT_FOUND");
  assert.equal(await nonce(3), before, "nothing was sent");
});

test("three guardians, two recover the account to a new wallet after the delay; the wallet then sends the account's coins", async () => {
  const set = json(
    await cli(
      ...words`recovery set-guardians --guardian ${addr(4)} --guardian ${addr(5)} --guardian ${addr(6)} --threshold 2 --delay 30 --from dev3 --json`,
    ),
  );
  assert.deepEqual(field(set, "recovery", "guardians"), [addr(4), addr(5), addr(6)]);
  const shown = await cli("recovery", "show", addr(3));
  assert.match(shown.stdout, /threshold +2 of 3 approve a new key/);
  assert.match(shown.stdout, /delay +30 blocks/);
  const listed = json(await cli("recovery", "list", "--guardian", addr(5), "--json"));
  assert.deepEqual(
    (listed.items as Obj[]).map((i) => i.account),
    [addr(3)],
  );

  // The phone is lost: a new wallet, whose key two guardians propose.
  const phone = json(await cli("wallet", "new", "phone", "--json"));
  const first = json(await cli(...words`recovery propose ${addr(3)} --new-key phone --from dev4 --json`));
  assert.equal(field(first, "recovery", "proposals", "0", "key"), phone.address);
  const second = await cli(...words`recovery propose ${addr(3)} --new-key ${phone.address} --from dev5`);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /the recovery has started: anyone may execute it from height (\d+)/);
  const view = json(await cli("recovery", "show", addr(3), "--json"));
  const executableAt = field(view, "recovery", "executableAt") as number;
  assert.equal(executableAt, (field(view, "recovery", "startedAt") as number) + 30);
  assert.equal(
    refusal(await cli("recovery", "execute", addr(3), "--from", "dev6", "--json")).code,
    "RECOVERY_TOO_EARLY",
  );

  // The new wallet gets a little coin for fees, waits the delay and executes.
  json(await cli("send", "--to", String(phone.address), "--amount", "1000000", "--from", "dev0", "--json"));
  while ((await height()) + 1 < executableAt) await new Promise((r) => setTimeout(r, 200));
  const executed = await cli("recovery", "execute", addr(3), "--from", "phone");
  assert.equal(executed.code, 0, executed.stderr);
  assert.match(executed.stdout, new RegExp(`${addr(3)} is now signed for by ${phone.address}`));
  assert.match(executed.stdout, new RegExp(`wallet phone now signs for ${addr(3)}`));

  // The old key says so clearly; the new wallet sends the account's coins.
  const stale = refusal(await cli("send", "--to", addr(7), "--amount", "5", "--from", "dev3", "--json"));
  assert.equal(stale.code, "SIGNER_KEY_ROTATED");
  const [from0, to0] = [await coins(addr(3)), await coins(addr(7))];
  const sent = json(await cli("send", "--to", addr(7), "--amount", "5", "--from", "phone", "--json"));
  assert.equal(sent.status, "included");
  assert.equal((await coins(addr(7))) - to0, 5n);
  assert.ok(from0 - (await coins(addr(3))) > 5n, "the coins and the fee left dev3's account");
});

test("a veto by the account, a guardian's lock and unlock", async () => {
  json(
    await cli(
      ...words`recovery set-guardians --guardian ${addr(4)} --threshold 1 --delay 30 --from dev8 --json`,
    ),
  );
  json(await cli(...words`recovery lock ${addr(8)} --from dev4 --json`));
  assert.equal(
    refusal(await cli("send", "--to", addr(7), "--amount", "5", "--from", "dev8", "--json")).code,
    "ACCOUNT_LOCKED",
  );
  json(await cli(...words`recovery propose ${addr(8)} --new-key ${addr(9)} --from dev4 --json`));
  const vetoed = json(await cli("recovery", "veto", "--from", "dev8", "--json"));
  assert.equal(field(vetoed, "recovery", "recovery"), null);
  assert.equal(field(vetoed, "recovery", "vetoes", "count"), 1);
  const unlocked = json(await cli(...words`recovery unlock ${addr(8)} --from dev4 --json`));
  assert.equal(field(unlocked, "recovery", "lockedUntil"), null);
  json(await cli("send", "--to", addr(7), "--amount", "5", "--from", "dev8", "--json"));
});
