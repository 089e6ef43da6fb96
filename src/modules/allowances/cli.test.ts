/**
 * The allowance commands as a user runs them: the real CLI in a subprocess against a real dev node.
 * A subscriber grants a carrier 100 base units every 4 blocks; the carrier pulls the limit, is
 * refused more, pulls again in the next period; both list the grant; the subscriber changes the
 * limit with compare-and-set and revokes. Bad options are refused before anything is sent.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusal, words } from "../../testing/dev-cli.js";

const dev = devCliFile("telchain-allowances-cli-");
const { cli, nonce, coins, waitForHead } = dev;
const addr = (i: number) => devAccount(i).address;
type Obj = Record<string, unknown>;

test("bad options are refused before anything is sent", async () => {
  const before = await nonce(4);
  const many = Array.from({ length: 9 }, (_, i) => ["--recipient", addr(i)]).flat();
  const cases: [string[], string][] = [
    [words`grant --to ${addr(5)} --limit 0 --period 4`, "ALLOWANCES_BAD_AMOUNT"],
    [words`grant --to ${addr(5)} --limit 10 --period 0`, "ALLOWANCES_BAD_PERIOD"],
    [words`grant --to ${addr(5)} --limit 10 --period 100000001`, "ALLOWANCES_BAD_PERIOD"],
    [words`grant --to ${addr(5)} --limit 10 --period 4 --cap x`, "ALLOWANCES_BAD_AMOUNT"],
    [words`grant --to ${addr(5)} --limit 10 --period 4 --expiry 0`, "ALLOWANCES_BAD_EXPIRY"],
    [words`grant --to tel1nope --limit 10 --period 4`, "ADDRESS_INVALID"],
    [["grant", "--to", addr(5), "--limit", "10", "--period", "4", ...many], "ALLOWANCES_BAD_RECIPIENTS"],
    [
      words`grant --to ${addr(5)} --limit 10 --period 4 --recipient ${addr(6)} --recipient ${addr(6)}`,
      "ALLOWANCES_BAD_RECIPIENTS",
    ],
    [words`change 1 --expect 0 --limit 5`, "ALLOWANCES_BAD_AMOUNT"],
    [words`revoke 0`, "ALLOWANCES_BAD_ID"],
    [words`pull x --amount 5`, "ALLOWANCES_BAD_ID"],
    [words`pull 1 --amount 18446744073709551616`, "ALLOWANCES_BAD_AMOUNT"],
    [words`pull 1 --amount 5 --to tel1nope`, "ADDRESS_INVALID"],
  ];
  for (const [args, code] of cases) {
    const r = refusal(await cli("allowance", ...args, "--from", "dev4", "--json"));
    assert.equal(r.code, code, `${args.join(" ")}: ${r.message}`);
  }
  assert.equal(refusal(await cli("allowance", "show", "0", "--json")).code, "ALLOWANCES_BAD_ID");
  assert.equal(refusal(await cli("allowance", "list", "--json")).code, "BAD_ARGUMENT");
  assert.equal(await nonce(4), before, "nothing was sent");
});

test("a subscription: granted, pulled twice across periods, shown and listed, changed, revoked", async () => {
  // dev0 subscribes; dev1 is the carrier
  const granted = json(
    await cli(...words`allowance grant --to ${addr(1)} --limit 100 --period 4 --from dev0 --json`),
  );
  const g = granted.grant as Obj;
  assert.deepEqual(
    [g.id, g.payer, g.grantee, g.limit, g.period, g.cap],
    [1, addr(0), addr(1), "100", 4, null],
  );
  const start = g.start as number;
  const human = await cli(
    ...words`allowance grant --to ${addr(2)} --limit 5 --period 1 --cap 20 --from dev0`,
  );
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /granted: grant 2/);

  const payer0 = await coins(0);
  const first = json(await cli(...words`allowance pull 1 --amount 100 --from dev1 --json`));
  const h1 = first.height as number;
  const p1 = Math.floor((h1 - start) / 4);
  const more = refusal(await cli(...words`allowance pull 1 --amount 101 --from dev1 --json`));
  assert.equal(more.code, "ALLOWANCES_PERIOD_LIMIT");
  // the next period begins at start + (p1 + 1) · 4: once the head is just before it, pull again
  await waitForHead(start + (p1 + 1) * 4 - 1);
  const second = json(await cli(...words`allowance pull 1 --amount 100 --from dev1 --json`));
  assert.ok(Math.floor(((second.height as number) - start) / 4) > p1, "the second pull is in a later period");
  assert.equal((second.grant as Obj).spentTotal as string, "200");
  assert.equal(
    payer0 - (await coins(0)),
    200n,
    "the subscriber sent nothing: its balance moved by the pulls",
  );

  const shown = await cli("allowance", "show", "1");
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /limit +100 per 4 blocks/);
  assert.match(shown.stdout, /cap +none/);
  const byPayer = json(await cli("allowance", "list", "--payer", addr(0), "--json"));
  assert.deepEqual(
    (byPayer.items as Obj[]).map((x) => x.id),
    [1, 2],
  );
  const byGrantee = await cli("allowance", "list", "--grantee", addr(1));
  assert.match(byGrantee.stdout, /^1 +tel1.* left this period \(per 4 blocks\)/m);

  const stale = refusal(await cli(...words`allowance change 1 --expect 99 --limit 50 --from dev0 --json`));
  assert.equal(stale.code, "ALLOWANCES_STALE_LIMIT");
  const changed = json(await cli(...words`allowance change 1 --expect 100 --limit 50 --from dev0 --json`));
  assert.equal((changed.grant as Obj).limit, "50");
  const revoked = json(await cli(...words`allowance revoke 1 --from dev0 --json`));
  assert.equal(revoked.revoked, 1);
  const gone = refusal(await cli(...words`allowance pull 1 --amount 1 --from dev1 --json`));
  assert.equal(gone.code, "ALLOWANCES_NO_GRANT");
  assert.equal(refusal(await cli("allowance", "show", "1", "--json")).code, "NOT_FOUND");
});
