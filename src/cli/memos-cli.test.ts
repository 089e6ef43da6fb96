/**
 * Encrypted memos as a user meets them: the real CLI in a subprocess against a real dev node.
 * A wallet publishes its memo key; a sender pays it with a memo (coins, then vouchers); the
 * recipient exports a view key and an accountant reads the payments with their memos (human,
 * JSON, CSV); the sender reads its own with its wallet. A memo to an address without a memo
 * key, or over 512 bytes, is refused before anything is sent; a bad or foreign view key is refused.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../crypto/mnemonic.js";
import { devCliFile, json, refusal, runCli, words } from "../testing/dev-cli.js";

const dev = devCliFile("telchain-memos-cli-");
const { cli, nonce } = dev;
const addr = (i: number) => devAccount(i).address;
const SEED = "11".repeat(32);
const MEMO = 'invoice 42, "roaming", November';
type Item = { kind: string; role: string; memo?: { opened: boolean; text?: string } };

let bob = "";
let viewKey = "";

test("a memo needs the recipient's memo key and at most 512 bytes: refused before anything is sent", async () => {
  dev.h.env.TELCHAIN_PASSPHRASE = "pw"; // bob's wallet
  bob = String(json(await cli("wallet", "import", "bob", "--seed", SEED, "--json")).address);
  json(await cli(...words`send --to ${bob} --amount 1000000 --from dev0 --json`));
  const before = await nonce(2);
  const none = refusal(await cli(...words`send --to ${bob} --amount 5 --memo hi --from dev2 --json`));
  assert.equal(none.code, "MEMO_NO_KEY");
  assert.match(none.message, /telchain key memo/);
  const big = refusal(
    await cli(...words`send --to ${bob} --amount 5 --memo ${"x".repeat(513)} --from dev2 --json`),
  );
  assert.equal(big.code, "MEMO_TOO_LARGE");
  assert.equal(await nonce(2), before, "nothing was sent");
});

test("publish a memo key, pay with a memo, read it through an exported view key (human, JSON, CSV)", async () => {
  const published = json(await cli("key", "memo", "--from", "bob", "--json"));
  assert.equal(published.account, bob);
  assert.match(String(published.memoKey), /^[0-9a-f]{64}$/);
  const account = await dev.h.node.get<{ memoKey: string | null }>(`/v1/accounts/${bob}`);
  assert.equal(account.body.memoKey, published.memoKey);

  const big = refusal(
    await cli(...words`send --to ${bob} --amount 5 --memo ${"€".repeat(171)} --from dev2 --json`),
  );
  assert.equal(big.code, "MEMO_TOO_LARGE", "513 bytes of UTF-8");
  const sent = json(await cli(...words`send --to ${bob} --amount 2500 --memo ${MEMO} --from dev2 --json`));
  assert.equal(sent.status, "included");

  const exported = json(await cli("wallet", "export-view-key", "bob", "--json"));
  viewKey = String(exported.viewKey);
  assert.match(viewKey, /^telview1/);
  assert.equal(exported.account, bob);
  assert.match(String(exported.warning), /cannot spend/);
  const humanExport = await cli("wallet", "export-view-key", "bob");
  assert.match(humanExport.stdout, /read ALL payments and memos/);

  // The accountant has the view key and no wallet: a fresh TELCHAIN_HOME, no passphrase.
  const accountant = {
    ...dev.h.env,
    TELCHAIN_HOME: `${dev.h.dir}/accountant`,
    TELCHAIN_PASSPHRASE: undefined,
  };
  const human = await runCli(["history", bob, "--view-key", viewKey], accountant);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /coin\/transfer-memo/);
  assert.ok(human.stdout.includes(`memo ${JSON.stringify(MEMO)}`), human.stdout);
  assert.ok(human.stdout.includes(`from ${addr(2)} amount 2500`), human.stdout);

  const page = json(await runCli(["history", bob, "--view-key", viewKey, "--json"], accountant));
  const items = page.items as Item[];
  const memoTx = items.find((t) => t.kind === "transfer-memo");
  assert.deepEqual(memoTx?.memo, { opened: true, text: MEMO });
  assert.equal(memoTx?.role, "received");
  assert.ok(
    items.some((t) => t.kind === "transfer" && t.memo === undefined),
    "a plain transfer has no memo",
  );

  const csvRun = await runCli(["history", bob, "--view-key", viewKey, "--csv", "--all"], accountant);
  assert.equal(csvRun.code, 0, csvRun.stderr);
  const lines = csvRun.stdout.split("\r\n");
  assert.equal(lines[0], "time,height,tx,role,counterparty,module,kind,amount,fee,memo");
  const row = lines.find((l) => l.includes("transfer-memo"));
  assert.ok(row);
  assert.match(
    row,
    /^\d{4}-\d\d-\d\dT[^,]+,\d+,[0-9a-f]{64},received,tel1[a-z0-9]+,coin,transfer-memo,2500,,/,
  );
  assert.ok(row.endsWith(',"invoice 42, ""roaming"", November"'), row);
  assert.equal(lines.at(-1), "", "CRLF after every record");

  // Without a key the memo stays closed; the sender reads its own with its wallet.
  const closed = await cli("history", bob, "--csv");
  assert.ok(
    closed.stdout
      .split("\r\n")
      .find((l) => l.includes("transfer-memo"))
      ?.endsWith(",(encrypted)"),
  );
  const mine = json(await cli("history", addr(2), "--from", "dev2", "--json"));
  assert.deepEqual((mine.items as Item[]).find((t) => t.kind === "transfer-memo")?.memo, {
    opened: true,
    text: MEMO,
  });
  // A wallet reads only its own account's history
  assert.equal(refusal(await cli("history", bob, "--from", "dev3", "--json")).code, "VIEW_KEY_MISMATCH");
});

test("a voucher transfer carries a memo the same way", async () => {
  json(await cli("carrier", "register", "--id", "AAA", "--name", "Alpha Mobile", "--from", "dev0", "--json"));
  json(
    await cli(
      ...words`voucher class create --unit megabyte --name ${"1 GB"} --expires-in 5000 --from dev0 --json`,
    ),
  );
  json(await cli(...words`voucher issue 1 --to ${addr(2)} --amount 10 --from dev0 --json`));
  json(
    await cli(
      ...words`voucher transfer 1 --to ${bob} --amount 3 --memo ${"a gift, for the trip"} --from dev2 --json`,
    ),
  );
  const page = json(await cli("history", bob, "--view-key", viewKey, "--json"));
  const v = (page.items as (Item & { module: string })[]).find((t) => t.module === "vouchers");
  assert.equal(v?.kind, "transfer-memo");
  assert.deepEqual(v?.memo, { opened: true, text: "a gift, for the trip" });
});

test("bad and foreign view keys are refused clearly", async () => {
  assert.equal(
    refusal(await cli("history", addr(2), "--view-key", viewKey, "--json")).code,
    "VIEW_KEY_MISMATCH",
  );
  const typo = `${viewKey.slice(0, -1)}${viewKey.endsWith("q") ? "p" : "q"}`;
  const bad = refusal(await cli("history", bob, "--view-key", typo, "--json"));
  assert.equal(bad.code, "VIEW_KEY_INVALID");
  assert.match(bad.message, /checksum/);
  assert.equal(refusal(await cli("history", bob, "--view-key", addr(2), "--json")).code, "VIEW_KEY_INVALID");
  assert.equal(
    refusal(await cli("history", bob, "--view-key", viewKey, "--from", "bob", "--json")).code,
    "BAD_ARGUMENT",
  );
});
