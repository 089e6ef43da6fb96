/**
 * The digital-goods flow as a new user runs it, on a real dev node through the real CLI:
 * a carrier creates a 1 GB data class and publishes an offer marketed by another carrier (a
 * publisher fee); a roamer buys it; the roamer sells half on the market and another user's buy
 * order crosses it; the buyer redeems; the issuer sees the redemption on its feed; and
 * `market auctions` shows the clearing price and the fills.
 *
 * The clearing, by hand (docs/market.md's rule): one sell of 512 at 1,000 and one buy of 512 at
 * 1,200. At both resting prices the executed volume is 512 and the imbalance 0, so the price is
 * the floor of their mean: 1,100. The seller receives 512 × 1,100 = 563,200; the buyer pays the
 * same and gets 512 × 100 = 51,200 of its escrow back.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../../src/crypto/mnemonic.js";
import { devCliFile, json } from "../../src/testing/dev-cli.js";

const dev = devCliFile("telchain-vouchers-market-");
const { cli } = dev;
const addr = (i: number) => devAccount(i).address;
type Obj = Record<string, unknown>;
const field = (o: unknown, ...path: string[]) => path.reduce((v, k) => (v as Obj)[k], o);
const coins = async (i: number) =>
  BigInt((await dev.h.node.get<{ balance: string }>(`/v1/accounts/${addr(i)}`)).body.balance);
const run = async (...args: string[]) => json(await cli(...args, "--json"));

test("a 1 GB data class: offer with a publisher fee, bought, half sold on the market, redeemed, seen on the feed", async () => {
  await run("carrier", "register", "--id", "AAA", "--name", "Alpha Mobile", "--from", "dev0");
  await run("carrier", "register", "--id", "BBB", "--name", "Beta Roaming", "--from", "dev1");
  const created = await run(
    "voucher",
    "class",
    "create",
    "--unit",
    "megabyte",
    "--name",
    "1 GB data",
    "--expires-in",
    "5000",
    "--from",
    "dev0",
  );
  const classId = String(field(created, "class", "id"));
  await run(
    "voucher",
    "offer",
    "publish",
    "--class",
    classId,
    "--units",
    "1024",
    "--price",
    "2000000000",
    "--stock",
    "10",
    "--ends-in",
    "4000",
    "--publisher",
    "BBB",
    "--fee-bps",
    "500",
    "--from",
    "dev0",
  );

  // The roamer (dev2) buys: 2 coins, split 95 % to the issuer's operator, 5 % to the publisher's.
  const [issuer0, publisher0] = [await coins(0), await coins(1)];
  const bought = await run("voucher", "offer", "buy", "1", "--from", "dev2");
  assert.equal(field(bought, "balance", "amount"), "1024");
  assert.equal((await coins(0)) - issuer0, 1_900_000_000n);
  assert.equal((await coins(1)) - publisher0, 100_000_000n);

  // Half of it on the market; another user's (dev3) buy crosses it.
  const [seller0, buyer0] = [await coins(2), await coins(3)];
  const sell = await run(
    "market",
    "sell",
    "--class",
    classId,
    "--quantity",
    "512",
    "--price",
    "1000",
    "--from",
    "dev2",
  );
  const buy = await run(
    "market",
    "buy",
    "--class",
    classId,
    "--quantity",
    "512",
    "--price",
    "1200",
    "--from",
    "dev3",
  );
  const balance = async (i: number) => {
    const b = await run("voucher", "balance", addr(i));
    const item = (b.items as Obj[]).find((x) => String(x.classId) === classId);
    return item ? String(item.amount) : "0";
  };
  // The clearing runs at the end of the block that brings the buy.
  let tries = 0;
  while ((await balance(3)) !== "512" && tries++ < 60) await new Promise((r) => setTimeout(r, 500));
  assert.equal(await balance(3), "512", "the buyer holds the half it bought");
  assert.equal(await balance(2), "512", "the seller keeps the other half");

  const auctions = await run("market", "auctions", classId);
  const [auction] = auctions.items as Obj[];
  assert.equal(auction?.price, "1100");
  assert.equal(auction?.volume, "512");
  const detail = await run("market", "auctions", classId, "--height", String(auction?.height));
  const fills = (field(detail, "fills", "items") as Obj[]).map((f) => [
    f.side,
    f.owner,
    f.quantity,
    f.amount,
    f.refund,
  ]);
  assert.deepEqual(fills, [
    ["sell", addr(2), "512", "563200", "0"],
    ["buy", addr(3), "512", "563200", "51200"],
  ]);
  // Coins: the seller got 563,200, the buyer paid 563,200 (each less its transaction fee).
  const feeOf = async (o: Obj) => BigInt(String((await run("tx", String(o.tx))).fee));
  assert.equal((await coins(2)) - seller0 + (await feeOf(sell)), 563_200n);
  assert.equal(buyer0 - (await coins(3)) - (await feeOf(buy)), 563_200n);

  // The buyer redeems; the issuer sees it on its feed.
  const redeemed = await run(
    "voucher",
    "redeem",
    classId,
    "--amount",
    "512",
    "--subscriber",
    "+4915112345678",
    "--from",
    "dev3",
  );
  const feed = await run("voucher", "redemptions", "--issuer", "AAA");
  assert.deepEqual(
    (feed.items as Obj[]).map((r) => [r.units, r.subscriber, r.holder, r.txHash]),
    [["512", "+4915112345678", addr(3), redeemed.tx]],
  );
  const human = await cli("market", "auctions", classId);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /1100/);
});
