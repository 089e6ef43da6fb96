/**
 * The channel commands as a user runs them: the real CLI in a subprocess against a real dev node.
 * dev0 opens a channel to dev1, tops it up, signs vouchers; dev1 checks the best and closes with
 * it; a second channel is closed early by dev0 and settled after the dev chain's 20-block window;
 * a third is reclaimed after its expiry. Bad options are refused before anything is sent.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusal, words } from "../../testing/dev-cli.js";

const dev = devCliFile("telchain-channels-cli-");
const { cli, nonce, coins, waitForHead } = dev;
const addr = (i: number) => devAccount(i).address;
type Obj = Record<string, unknown>;
const SIG = "ab".repeat(64);

test("bad options are refused before anything is sent", async () => {
  const before = await nonce(4);
  const cases: [string[], string][] = [
    [words`open --to ${addr(5)} --deposit 0 --expiry-in 10`, "CHANNELS_BAD_AMOUNT"],
    [words`open --to ${addr(5)} --deposit 10 --expiry-in 0`, "CHANNELS_BAD_EXPIRY"],
    [words`open --to tel1nope --deposit 10 --expiry-in 10`, "ADDRESS_INVALID"],
    [words`top-up 0 --amount 5`, "CHANNELS_BAD_ID"],
    [words`top-up 1 --amount 0`, "CHANNELS_BAD_AMOUNT"],
    [words`close 1 --amount 5 --signature abcd`, "CHANNELS_BAD_SIGNATURE"],
    [words`close 1 --amount 0 --signature ${SIG}`, "CHANNELS_BAD_AMOUNT"],
    [words`start-close x --amount 5`, "CHANNELS_BAD_ID"],
    [words`settle 0`, "CHANNELS_BAD_ID"],
    [words`reclaim 18446744073709551616`, "CHANNELS_BAD_ID"],
  ];
  for (const [args, code] of cases) {
    const r = refusal(await cli("channel", ...args, "--from", "dev4", "--json"));
    assert.equal(r.code, code, `${args.join(" ")}: ${r.message}`);
  }
  assert.equal(
    refusal(await cli(...words`channel voucher 1 --amount 0 --from dev4 --json`)).code,
    "CHANNELS_BAD_AMOUNT",
  );
  assert.equal(
    refusal(await cli(...words`channel check 1 --amount 5 --signature zz --json`)).code,
    "CHANNELS_BAD_SIGNATURE",
  );
  assert.equal(refusal(await cli("channel", "show", "0", "--json")).code, "CHANNELS_BAD_ID");
  assert.equal(refusal(await cli("channel", "list", "--json")).code, "BAD_ARGUMENT");
  assert.equal(await nonce(4), before, "nothing was sent");
});

test("open, top-up, vouchers, check, the payee's close; show and list", async () => {
  const opened = json(
    await cli(...words`channel open --to ${addr(1)} --deposit 1000 --expiry-in 200 --from dev0 --json`),
  );
  const c = opened.channel as Obj;
  assert.deepEqual([c.id, c.payer, c.payee, c.deposit, c.status], [1, addr(0), addr(1), "1000", "open"]);
  const human = await cli(...words`channel top-up 1 --amount 500 --from dev0`);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /topped up/);
  assert.match(human.stdout, /deposit +1500/);

  json(await cli(...words`channel voucher 1 --amount 100 --from dev0 --json`));
  const best = json(await cli(...words`channel voucher 1 --amount 600 --from dev0 --json`));
  assert.deepEqual(
    [best.channel, best.amount, best.signedBy, best.chainId],
    [1, "600", addr(0), "telchain-dev"],
  );
  const sig = best.signature as string;
  const shown = await cli(...words`channel voucher 1 --amount 600 --from dev0`);
  assert.match(shown.stdout, new RegExp(`channel close 1 --amount 600 --signature ${sig}`));

  const check = json(await cli(...words`channel check 1 --amount 600 --signature ${sig} --json`));
  assert.deepEqual([check.valid, check.deposit, check.authorisingKey], [true, "1500", addr(0)]);
  const bad = json(await cli(...words`channel check 1 --amount 601 --signature ${sig} --json`));
  assert.deepEqual([bad.valid, bad.reason], [false, "CHANNELS_BAD_SIGNATURE"]);
  const badHuman = await cli(...words`channel check 1 --amount 601 --signature ${sig}`);
  assert.match(badHuman.stdout, /NOT VALID: CHANNELS_BAD_SIGNATURE/);

  assert.equal(
    refusal(await cli(...words`channel close 1 --amount 600 --signature ${sig} --from dev2 --json`)).code,
    "CHANNELS_NOT_PAYEE",
  );
  const payee0 = await coins(1);
  const closed = json(
    await cli(...words`channel close 1 --amount 600 --signature ${sig} --from dev1 --json`),
  );
  const cc = closed.channel as Obj;
  assert.deepEqual([cc.status, cc.paid, cc.how], ["closed", "600", "close"]);
  assert.ok((await coins(1)) > payee0, "the payee got the voucher's 600 (less its fee)");

  const show = await cli(...words`channel show 1`);
  assert.match(show.stdout, /closed at height \d+ by close: 600 paid to the payee/);
  const list = json(await cli(...words`channel list --payee ${addr(1)} --json`));
  assert.deepEqual(
    (list.items as Obj[]).map((i) => i.id),
    [1],
  );
});

test("an early close settles after the window; an expired channel is reclaimed", async () => {
  const two = json(
    await cli(...words`channel open --to ${addr(3)} --deposit 300 --expiry-in 200 --from dev2 --json`),
  );
  const id2 = (two.channel as Obj).id as number;
  const three = json(
    await cli(...words`channel open --to ${addr(3)} --deposit 70 --expiry-in 6 --from dev2 --json`),
  );
  const c3 = three.channel as Obj;
  const closing = json(await cli(...words`channel start-close ${id2} --amount 120 --from dev2 --json`));
  const c2 = closing.channel as Obj;
  assert.deepEqual([c2.status, c2.stated], ["closing", "120"]);
  assert.equal(
    refusal(await cli(...words`channel settle ${id2} --from dev4 --json`)).code,
    "CHANNELS_WINDOW_OPEN",
  );
  await waitForHead((c3.expiry as number) + 1);
  const reclaimed = json(await cli(...words`channel reclaim ${c3.id} --from dev2 --json`));
  assert.deepEqual([(reclaimed.channel as Obj).how, (reclaimed.channel as Obj).paid], ["reclaim", "0"]);
  await waitForHead((c2.settlesAt as number) - 1);
  const payee0 = await coins(3);
  const settled = json(await cli(...words`channel settle ${id2} --from dev4 --json`));
  assert.deepEqual([(settled.channel as Obj).how, (settled.channel as Obj).paid], ["settle", "120"]);
  assert.equal(await coins(3), payee0 + 120n);
});
