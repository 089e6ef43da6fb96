/**
 * The service commands as a user runs them: the real CLI in a subprocess against a real dev node
 * (dev params: bond ≥ 1 coin, heartbeat period 30 blocks, delay 30). A provider offers a vpn in
 * DE; `telchain services` finds it (with filters, cheapest first beside a second offer); a
 * heartbeat renews it; `service show` and `service list --provider` show it; an early withdrawal
 * and a stranger's heartbeat are refused by the chain; bad options are refused before anything
 * is sent. (The lapse and the withdrawal after the delay are in lifecycle.test.ts.)
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { devAccount } from "../../crypto/mnemonic.js";
import { devCliFile, json, refusal, words } from "../../testing/dev-cli.js";

const dev = devCliFile("telchain-services-cli-");
const { cli, nonce } = dev;
const addr = (i: number) => devAccount(i).address;
type Obj = Record<string, unknown>;
const COIN = 1_000_000_000n;
const coins = async (i: number) =>
  BigInt((await dev.h.node.get<{ balance: string }>(`/v1/accounts/${addr(i)}`)).body.balance);

test("bad options are refused before anything is sent", async () => {
  const before = await nonce(4);
  const offer = (over: string) =>
    words`service offer --kind vpn --region DE --price 5 --unit mb --endpoint socks5://127.0.0.1:1080`.concat(
      over.split(" ").filter(Boolean),
    );
  const cases: [string[], string][] = [
    [offer("--kind dvpn"), "SERVICES_BAD_KIND"],
    [offer("--region de"), "SERVICES_BAD_REGION"],
    [offer("--region XK"), "SERVICES_BAD_REGION"],
    [offer("--price 0"), "SERVICES_BAD_PRICE"],
    [offer("--unit gb"), "SERVICES_BAD_UNIT"],
    [offer("--endpoint localhost"), "SERVICES_BAD_ENDPOINT"],
    [offer("--bond x"), "SERVICES_BAD_BOND"],
    [words`service heartbeat 0`, "SERVICES_BAD_ID"],
    [words`service withdraw x`, "SERVICES_BAD_ID"],
    [words`service rate 1 --channel 0 --score 5`, "SERVICES_BAD_ID"],
    [words`service rate 1 --channel 1 --score 6`, "SERVICES_BAD_SCORE"],
  ];
  for (const [args, code] of cases) {
    const r = refusal(await cli(...args, "--from", "dev4", "--json"));
    assert.equal(r.code, code, `${args.join(" ")}: ${r.message}`);
  }
  assert.equal(refusal(await cli(...words`services --kind wifi --json`)).code, "SERVICES_BAD_KIND");
  assert.equal(refusal(await cli(...words`services --max-price 0 --json`)).code, "SERVICES_BAD_PRICE");
  assert.equal(refusal(await cli(...words`service show 0 --json`)).code, "SERVICES_BAD_ID");
  assert.equal(await nonce(4), before, "nothing was sent");
});

test("offer, find with `telchain services`, heartbeat, show, list; early withdrawal refused", async () => {
  const before = await coins(0);
  const offered = json(
    await cli(
      ...words`service offer --kind vpn --region DE --price 7 --unit mb --endpoint socks5://127.0.0.1:1080 --from dev0 --json`,
    ),
  );
  const l = offered.listing as Obj;
  assert.deepEqual(
    [l.id, l.provider, l.kind, l.region, l.price, l.unit, l.bond, l.live],
    [1, addr(0), "vpn", "DE", "7", "mb", COIN.toString(), true],
  );
  assert.ok((await coins(0)) <= before - COIN, "the bond (1 coin, the dev minimum) is locked");
  const human = await cli(
    ...words`service offer --kind vpn --region DE --price 3 --unit minute --endpoint /ip4/127.0.0.1/tcp/1081 --bond 2000000000 --from dev1`,
  );
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /listed: listing 2/);

  const found = json(await cli(...words`services --kind vpn --region DE --json`));
  assert.deepEqual(
    (found.items as Obj[]).map((i) => [i.id, i.price]),
    [
      [2, "3"],
      [1, "7"],
    ],
  );
  assert.deepEqual(
    (json(await cli(...words`services --max-price 5 --json`)).items as Obj[]).map((i) => i.id),
    [2],
  );
  const text = await cli("services");
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /socks5:\/\/127\.0\.0\.1:1080/);
  assert.match(text.stdout, /^2 .*vpn.*DE.*3\/minute/m);
  assert.deepEqual(json(await cli(...words`services --region FR --json`)).items, []);
  assert.match((await cli(...words`services --region FR`)).stdout, /no live listings/);

  const beat = json(await cli(...words`service heartbeat 1 --from dev0 --json`));
  assert.ok(((beat.listing as Obj).heardAt as number) > (l.heardAt as number), "heardAt moved");
  const shown = await cli(...words`service show 1`);
  assert.match(shown.stdout, /live\s+yes, until height/);
  const listed = json(await cli(...words`service list --provider ${addr(0)} --json`));
  assert.deepEqual(
    (listed.items as Obj[]).map((i) => i.id),
    [1],
  );

  assert.equal(
    refusal(await cli(...words`service heartbeat 1 --from dev2 --json`)).code,
    "SERVICES_NOT_PROVIDER",
  );
  assert.equal(
    refusal(await cli(...words`service withdraw 1 --from dev0 --json`)).code,
    "SERVICES_TOO_EARLY",
  );
  assert.equal(
    refusal(await cli(...words`service heartbeat 9 --from dev0 --json`)).code,
    "SERVICES_NO_LISTING",
  );
});
