/**
 * GET /v1/proof/:module/:key over real chains (real LMDB, real blocks made by each module's
 * own transactions), served by the real API server on a real socket: for every module, a
 * record's proof verifies against the state root that GET /v1/blocks/:height reports, its key
 * is 'm/<module>/' + proof.key(id), its decoded value is the proven bytes decoded; an absent
 * id is a 200 with value null and a valid proof of absence. Ids with "+" (%2B) and "/" (%2F)
 * go through a real HTTP request. Malformed ids get the record's own 400 code, unknown modules
 * and records 404; random ids never make a 500.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import fc from "fast-check";
import { createApiServer } from "../api/server.js";
import { concatBytes, fromHex, toHex } from "../bytes.js";
import { encodeAddress } from "../crypto/address.js";
import { Mempool } from "../mempool/mempool.js";
import type { ModuleProof } from "../module/proof.js";
import { modulePrefix } from "../module/registry.js";
import { NodeService } from "../node/service.js";
import type { ModuleProofView } from "../node/types.js";
import { type StateProof, verifyStateProof } from "../sdk/state-proof.js";
import { testKeys } from "../testing/chain-harness.js";
import type { ModuleTestChain } from "../testing/module-chain.js";
import { ac, fresh as allowancesChain, CARRIER, PAYER } from "./allowances/fixtures.test.js";
import { PAYER as CHANNEL_PAYER, cc, fresh as channelsChain, PAYEE } from "./channels/fixtures.test.js";
import { dc, devicesChain, IMEI_1, IMEI_2 } from "./devices/fixtures.test.js";
import { enumChain, registerNumber, SIP } from "./enum/fixtures.test.js";
import { B as BUYER, classWithUnits, marketChain, mc, A as SELLER } from "./market/fixtures.test.js";
import { activeNumber, fresh as numbersChain, port } from "./numbers/fixtures.test.js";
import { moduleProofs } from "./proofs.js";
import { G1, G2, OWNER, rc, fresh as recoveryChain } from "./recovery/fixtures.test.js";
import { PROVIDER, sc, fresh as servicesChain } from "./services/fixtures.test.js";
import {
  depositAll,
  EXAMPLE,
  EXAMPLE_COLLATERAL,
  mineTo,
  nettingChain,
  nettingHeight,
  obligeAll,
} from "./settlement/netting/fixtures.test.js";
import { carriersChain, ISSUER_OP, ALICE as VOUCHER_HOLDER, vc } from "./vouchers/fixtures.test.js";

const LIMITS = { maxTxs: 100, maxBytes: 1 << 20, maxPerSender: 10, replaceBumpPercent: 10 };

/** The node's API over `t`'s chain, listening on a free loopback port, for `fn`; then both closed. */
async function withApi(t: ModuleTestChain, fn: (base: string) => Promise<void>): Promise<void> {
  const app = await createApiServer(new NodeService(t.c.chain, new Mempool(LIMITS)));
  try {
    await app.listen({ host: "127.0.0.1", port: 0 });
    await fn(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  } finally {
    await app.close();
    await t.close();
  }
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const proofOf = (module: string, record: string): ModuleProof => {
  const p = moduleProofs()[module]?.find((x) => x.record === record);
  assert.ok(p, `${module} declares ${record}`);
  return p;
};

/**
 * Checks an answer as a light client would: the proof verifies against the block's state root
 * as GET /v1/blocks/:height reports it, proves the key the id names, and the value and decoded
 * value are what it proves.
 */
async function checkAnswer(base: string, body: ModuleProofView, present: boolean): Promise<void> {
  const proof = proofOf(body.module, body.record);
  const block = await getJson(`${base}/v1/blocks/${body.block.height}`);
  assert.equal(block.status, 200);
  assert.equal(block.body.stateRoot, body.block.stateRoot);
  assert.equal(block.body.hash, body.block.hash);
  const verified = verifyStateProof(body.proof as StateProof, fromHex(String(block.body.stateRoot)));
  assert.ok(verified.ok, `proof verifies: ${verified.ok ? "" : verified.reason}`);
  const key = toHex(concatBytes(modulePrefix(body.module), proof.key(body.id)));
  assert.equal(body.key, key, "the key the id names");
  assert.equal(body.proof.key, key, "the proof is for that key");
  assert.equal(body.proof.value, body.value);
  if (present) {
    assert.ok(verified.value && body.value, "present");
    assert.equal(toHex(verified.value), body.value);
    assert.deepEqual(body.decoded, proof.value.toJson(proof.value.deserialize(verified.value)));
  } else {
    assert.equal(verified.value, null);
    assert.equal(body.value, null);
    assert.equal(body.decoded, null);
  }
}

/** GETs the proof of `path` (already URL-encoded as sent) and checks it (present or absent). */
async function proves(
  base: string,
  module: string,
  path: string,
  record: string,
  present: boolean,
  id?: string,
) {
  const res = await getJson(`${base}/v1/proof/${module}/${path}?record=${record}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const body = res.body as unknown as ModuleProofView;
  assert.equal(body.module, module);
  assert.equal(body.record, record);
  if (id !== undefined) assert.equal(body.id, id);
  await checkAnswer(base, body, present);
  return body;
}

test("devices: a stolen device's record proves its flag; the transfer record and an unknown IMEI prove absence", async () => {
  const t = devicesChain();
  const [owner] = testKeys(0);
  await t.mine(t.call(owner, dc.register(IMEI_1)));
  await t.mine(t.call(owner, dc.report(IMEI_1, "stolen")));
  await withApi(t, async (base) => {
    // the default record is the module's first ("device")
    const res = await getJson(`${base}/v1/proof/devices/${IMEI_1}`);
    assert.equal(res.body.record, "device");
    const body = await proves(base, "devices", IMEI_1, "device", true, IMEI_1);
    assert.equal((body.decoded as { flagged: boolean }).flagged, true);
    assert.equal((body.decoded as { owner: string }).owner, `0x${toHex(owner.pub)}`);
    await proves(base, "devices", IMEI_1, "transfer", false);
    await proves(base, "devices", IMEI_2, "device", false, IMEI_2);
  });
});

test("numbers: a number being ported proves its record and its port (the + sent as %2B, or bare digits)", async () => {
  const t = numbersChain();
  const [, , sub] = await activeNumber(t, "+15551230000");
  await t.mine(t.call(sub, port("+15551230000", "BBB")));
  await withApi(t, async (base) => {
    const rec = await proves(base, "numbers", "%2B15551230000", "number", true, "15551230000");
    assert.equal((rec.decoded as { carrier: string }).carrier, "AAA");
    const p = await proves(base, "numbers", "15551230000", "port", true, "15551230000");
    assert.equal((p.decoded as { toCarrier: string }).toCarrier, "BBB");
    await proves(base, "numbers", "+15551230001", "number", false, "15551230001");
    // carriers on the same chain
    const c = await proves(base, "carriers", "BBB", "carrier", true, "BBB");
    assert.equal((c.decoded as { id: string }).id, "BBB");
    await proves(base, "carriers", "ZZZ", "carrier", false);
  });
});

test("enum: a registered number's ENUM entry; an unregistered one proves absence", async () => {
  const t = enumChain();
  const [a] = testKeys(0);
  await registerNumber(t, a, "+15551234567", [SIP("alice")]);
  await withApi(t, async (base) => {
    const body = await proves(base, "enum", "%2B15551234567", "number", true, "15551234567");
    assert.ok(Array.isArray((body.decoded as { records: unknown[] }).records));
    await proves(base, "enum", "%2B15551234568", "number", false);
  });
});

test("settlement: a netted cycle's statement by CARRIER/CYCLE (the / as %2F), its summary, a collateral", async () => {
  const t = await nettingChain();
  await depositAll(t, EXAMPLE_COLLATERAL);
  await obligeAll(t, EXAMPLE);
  await mineTo(t, nettingHeight(0));
  await withApi(t, async (base) => {
    await proves(base, "settlement", "BBB%2F0", "statement", true, "BBB/0");
    await proves(base, "settlement", encodeURIComponent("BBB/000"), "statement", true, "BBB/0");
    await proves(base, "settlement", "BBB%2F1", "statement", false, "BBB/1");
    await proves(base, "settlement", "0", "cycle", true, "0");
    await proves(base, "settlement", "CCC", "collateral", true, "CCC");
    await proves(base, "settlement", "1", "agreement", false, "1");
  });
});

test("vouchers: a class, a holder's balance by CLASS/ADDRESS (the / as %2F)", async () => {
  const t = await carriersChain();
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry: 500, cap: 10_000n })));
  await t.mine(t.call(ISSUER_OP, vc.issue(1, VOUCHER_HOLDER, 60n)));
  await withApi(t, async (base) => {
    await proves(base, "vouchers", "1", "class", true, "1");
    const holder = encodeAddress(VOUCHER_HOLDER.pub);
    const b = await proves(
      base,
      "vouchers",
      encodeURIComponent(`1/${holder}`),
      "balance",
      true,
      `1/${holder}`,
    );
    assert.equal((b.decoded as { amount: string }).amount, "60");
    await proves(base, "vouchers", encodeURIComponent(`2/${holder}`), "balance", false);
    await proves(base, "vouchers", "1", "offer", false);
  });
});

test("market: an order and its class's book", async () => {
  const t = marketChain();
  const cls = await classWithUnits(t, [SELLER], 1_000n);
  await t.mine(t.call(SELLER, mc.sell(cls, 500n, 10n)), t.call(BUYER, mc.buy(cls, 50n, 5n)));
  await withApi(t, async (base) => {
    await proves(base, "market", "1", "order", true, "1");
    await proves(base, "market", String(cls), "book", true);
    await proves(base, "market", "99", "order", false);
  });
});

test("allowances, channels, services, recovery: each module's main record", async () => {
  const a = allowancesChain();
  await a.mine(a.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 10 })));
  await withApi(a, async (base) => {
    await proves(base, "allowances", "1", "grant", true, "1");
    await proves(base, "allowances", "2", "grant", false);
  });
  const c = channelsChain();
  await c.mine(c.call(CHANNEL_PAYER, cc.open(PAYEE, 10n, 100)));
  await withApi(c, async (base) => {
    await proves(base, "channels", "1", "channel", true, "1");
  });
  const s = servicesChain();
  await s.mine(s.call(PROVIDER, sc.list({ price: 10n, region: "FR" })));
  await withApi(s, async (base) => {
    await proves(base, "services", "1", "listing", true, "1");
  });
  const r = recoveryChain();
  await r.mine(r.call(OWNER, rc.set([G1, G2], 2, 20)));
  await withApi(r, async (base) => {
    const owner = encodeAddress(OWNER.pub);
    await proves(base, "recovery", owner, "account", true, owner);
    await proves(base, "recovery", encodeAddress(G1.pub), "account", false);
  });
});

test("refusals: malformed ids get the record's own 400 code; unknown modules and records 404; random ids never 500", async () => {
  const t = numbersChain();
  await withApi(t, async (base) => {
    const refused = async (path: string, status: number, code: string) => {
      const res = await getJson(`${base}${path}`);
      assert.equal(res.status, status, path);
      assert.equal((res.body.error as { code: string }).code, code, path);
    };
    await refused("/v1/proof/devices/490154203237519", 400, "DEVICES_BAD_IMEI");
    await refused("/v1/proof/numbers/%2B1", 400, "NUMBERS_BAD_NUMBER");
    await refused("/v1/proof/carriers/ab", 400, "CARRIER_BAD_ID");
    await refused("/v1/proof/vouchers/7?record=balance", 400, "VOUCHERS_BAD_ID");
    await refused("/v1/proof/settlement/BBB%2Fx?record=statement", 400, "SETTLEMENT_BAD_CYCLE");
    await refused("/v1/proof/nope/1", 404, "PROOF_UNKNOWN_MODULE");
    await refused("/v1/proof/coin/1", 404, "PROOF_UNKNOWN_MODULE");
    await refused("/v1/proof/devices/490154203237518?record=nope", 404, "PROOF_UNKNOWN_RECORD");
    await refused(`/v1/proof/devices/${"1".repeat(300)}`, 400, "BAD_REQUEST");

    const records = Object.entries(moduleProofs()).flatMap(([m, ps]) =>
      ps.map((p) => [m, p.record] as const),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...records),
        fc.string({ minLength: 1, maxLength: 60 }),
        async ([m, r], raw) => {
          const res = await fetch(`${base}/v1/proof/${m}/${encodeURIComponent(raw)}?record=${r}`);
          const body = (await res.json()) as Record<string, unknown>;
          assert.ok(res.status < 500, `${m}/${r} ${JSON.stringify(raw)}: ${res.status}`);
          if (res.status === 200)
            await checkAnswer(base, body as unknown as ModuleProofView, body.value !== null);
          else assert.match((body.error as { code: string }).code, /^[A-Z][A-Z0-9_]+$/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
