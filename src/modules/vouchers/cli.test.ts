/**
 * The vouchers commands as a user runs them: the real CLI in a subprocess against a real dev node.
 * A carrier creates a 1 GB data class and publishes an offer marketed by another carrier at 5 %; a
 * roamer buys it, gives half to a friend who redeems it; the issuer reads the redemption feed and
 * follows it while another redemption comes in. Bad options are refused before anything is sent.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusal, words } from "../../testing/dev-cli.js";
import { cliPath } from "../../testing/node-process.js";

const dev = devCliFile("telchain-vouchers-cli-");
const { cli, nonce } = dev;
const addr = (i: number) => devAccount(i).address;
type Obj = Record<string, unknown>;
const field = (o: unknown, ...path: string[]) => path.reduce((v, k) => (v as Obj)[k], o);
const coins = async (i: number) =>
  BigInt((await dev.h.node.get<{ balance: string }>(`/v1/accounts/${addr(i)}`)).body.balance);

test("bad options are refused before anything is sent", async () => {
  const before = await nonce(4);
  const cases: [string[], string][] = [
    [["class", "create", "--unit", "gigabyte", "--name", "x", "--expires-in", "10"], "VOUCHERS_BAD_UNIT"],
    [
      ["class", "create", "--unit", "minute", "--name", "x", "--expiry", "9", "--expires-in", "10"],
      "VOUCHERS_BAD_OPTION",
    ],
    [["class", "create", "--unit", "minute", "--name", "x"], "VOUCHERS_BAD_OPTION"],
    [["class", "create", "--unit", "minute", "--name", "", "--expiry", "99"], "VOUCHERS_BAD_TEXT"],
    [
      ["class", "create", "--unit", "minute", "--name", "x", "--expiry", "99", "--cap", "0"],
      "VOUCHERS_BAD_AMOUNT",
    ],
    [["issue", "1", "--to", addr(5), "--amount", "0"], "VOUCHERS_BAD_AMOUNT"],
    [["issue", "1", "--to", "tel1nope", "--amount", "3"], "ADDRESS_INVALID"],
    [["transfer", "0", "--to", addr(5), "--amount", "3"], "VOUCHERS_BAD_ID"],
    [["redeem", "1", "--amount", "3", "--subscriber", ""], "VOUCHERS_BAD_SUBSCRIBER"],
    [["redeem", "1", "--amount", "18446744073709551616", "--subscriber", "x"], "VOUCHERS_BAD_AMOUNT"],
    [
      words`offer publish --class 1 --units 1 --price 1 --stock 1 --ends-in 5 --fee-bps 5`,
      "VOUCHERS_BAD_OPTION",
    ],
    [
      words`offer publish --class 1 --units 1 --price 1 --stock 1 --ends-in 5 --publisher bb`,
      "VOUCHERS_BAD_CARRIER",
    ],
    [["offer", "buy", "1", "--count", "0"], "VOUCHERS_BAD_OPTION"],
  ];
  for (const [args, code] of cases) {
    const r = refusal(await cli("voucher", ...args, "--from", "dev4", "--json"));
    assert.equal(r.code, code, `${args.join(" ")}: ${r.message}`);
  }
  assert.equal(
    refusal(await cli("voucher", "redemptions", "--issuer", "aa", "--json")).code,
    "VOUCHERS_BAD_CARRIER",
  );
  assert.equal(refusal(await cli("voucher", "class", "show", "x", "--json")).code, "VOUCHERS_BAD_ID");
  assert.equal(await nonce(4), before, "nothing was sent");
});

test("a carrier's data class sold through a publisher, shared, redeemed and seen on the feed", async () => {
  json(await cli("carrier", "register", "--id", "AAA", "--name", "Alpha Mobile", "--from", "dev0", "--json"));
  json(await cli("carrier", "register", "--id", "BBB", "--name", "Beta Roaming", "--from", "dev1", "--json"));

  const created = json(
    await cli(
      ...words`voucher class create --unit megabyte --name ${"1 GB EU data"} --description ${"30 days"} --expires-in 5000 --cap 1048576 --from dev0 --json`,
    ),
  );
  assert.equal(field(created, "class", "id"), 1);
  assert.equal(field(created, "class", "issuer"), "AAA");
  assert.equal(field(created, "class", "status"), "live");
  const human = await cli("voucher", "class", "show", "1");
  assert.match(human.stdout, /1 GB EU data/);
  assert.match(human.stdout, /cap +1048576 megabytes/);

  const published = json(
    await cli(
      ...words`voucher offer publish --class 1 --units 1024 --price 2000000000 --stock 10 --ends-in 4000 --publisher BBB --fee-bps 500 --from dev0 --json`,
    ),
  );
  assert.equal(field(published, "offer", "id"), 1);
  assert.deepEqual(field(published, "offer", "publisher"), { carrier: "BBB", payee: addr(1), feeBps: 500 });
  assert.deepEqual(field(published, "offer", "split"), { issuer: "1900000000", publisher: "100000000" });
  const listed = json(await cli("voucher", "offer", "list", "--publisher", "BBB", "--json"));
  assert.deepEqual(
    (listed.items as Obj[]).map((o) => o.id),
    [1],
  );

  // the roamer buys: 2 coins, 1.9 to AAA's operator, 0.1 to BBB's
  const [issuer0, publisher0] = [await coins(0), await coins(1)];
  const bought = json(await cli("voucher", "offer", "buy", "1", "--from", "dev2", "--json"));
  assert.equal(field(bought, "balance", "amount"), "1024");
  assert.equal(field(bought, "offer", "stock"), 9);
  assert.equal((await coins(0)) - issuer0, 1_900_000_000n);
  assert.equal((await coins(1)) - publisher0, 100_000_000n);

  const sent = json(
    await cli("voucher", "transfer", "1", "--to", addr(3), "--amount", "512", "--from", "dev2", "--json"),
  );
  assert.equal(field(sent, "balance", "amount"), "512");
  const redeemed = json(
    await cli(...words`voucher redeem 1 --amount 512 --subscriber +4915112345678 --from dev3 --json`),
  );
  assert.equal(field(redeemed, "balance", "amount"), "0");
  const tooMuch = refusal(
    await cli("voucher", "redeem", "1", "--amount", "513", "--subscriber", "+1", "--from", "dev2", "--json"),
  );
  assert.equal(tooMuch.code, "VOUCHERS_INSUFFICIENT");

  const feed = json(await cli("voucher", "redemptions", "--issuer", "AAA", "--json"));
  assert.equal(feed.total, 1);
  assert.deepEqual(
    (feed.items as Obj[]).map((r) => [r.cursor, r.units, r.subscriber, r.holder, r.txHash]),
    [[1, "512", "+4915112345678", addr(3), redeemed.tx]],
  );
  const text = await cli("voucher", "redemptions", "--issuer", "AAA");
  assert.match(text.stdout, /#1 .* 512 units {2}\+4915112345678/);
  assert.match(text.stdout, /next: --after 1 \(1 in the log\)/);
  const balances = json(await cli("voucher", "balance", addr(2), "--json"));
  assert.deepEqual(
    (balances.items as Obj[]).map((b) => [b.classId, b.amount]),
    [[1, "512"]],
  );

  // --follow: stays connected; a new redemption arrives as a JSON line
  const follow = spawn(
    process.execPath,
    [cliPath(), "voucher", "redemptions", "--issuer", "AAA", "--after", "1", "--follow", "--json"],
    {
      env: dev.h.env,
    },
  );
  try {
    let out = "";
    follow.stdout.on("data", (d) => {
      out += d;
    });
    await new Promise((r) => setTimeout(r, 500));
    const second = json(
      await cli(...words`voucher redeem 1 --amount 100 --subscriber acct-42 --from dev2 --json`),
    );
    const until = Date.now() + 10_000;
    while (!out.includes("\n") && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const line = JSON.parse(out.split("\n")[0]) as Obj;
    assert.deepEqual(
      [line.cursor, line.units, line.subscriber, line.txHash],
      [2, "100", "acct-42", second.tx],
    );
    assert.equal(follow.exitCode, null, "still following");
  } finally {
    follow.kill();
  }
});
