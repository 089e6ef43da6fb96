/**
 * Property tests of every services kind: random and mutated payloads from random senders, against
 * a chain holding a live listing, a lapsed one, one another provider made, rated and unrated, and
 * channels of every state in the stand-in, are never a crash — a refused transaction carries a
 * declared code (the module's, the codec's, or the core's for a sender who cannot pay its bond)
 * and leaves the state exactly as it was (src/testing/kind-properties.ts).
 */
import { after, before } from "node:test";
import fc from "fast-check";
import type { ModuleCall } from "../../module/kind.js";
import { kindPropertyTests } from "../../testing/kind-properties.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { SERVICES_ERRORS } from "./errors.js";
import { CLIENT, CLIENT2, fresh, KEYS, NOBODY, PERIOD, PROVIDER, PROVIDER2, sc } from "./fixtures.test.js";
import { servicesCalls } from "./kinds.js";

let t: ModuleTestChain;
before(async () => {
  t = fresh();
  await t.mine(t.call(PROVIDER, sc.list({ price: 5n })));
  const h = t.height;
  while (t.height < h + PERIOD + 1) await t.mine();
  await t.mine(
    t.call(PROVIDER, sc.list({ price: 50n, kind: "hotspot" })),
    t.call(PROVIDER2, sc.list({ price: 7n, region: "US" })),
    t.call(NOBODY, sc.channel(1, CLIENT, PROVIDER)),
    t.call(NOBODY, sc.channel(2, CLIENT, PROVIDER, { status: "open" })),
    t.call(NOBODY, sc.channel(3, CLIENT2, PROVIDER2, { paid: 0n })),
    t.call(NOBODY, sc.channel(4, CLIENT2, PROVIDER2)),
  );
  await t.mine(t.call(CLIENT2, sc.rate(3, 4, 5)));
});
after(() => t.close());

const MAX = (1n << 64n) - 1n;
const id = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const u64 = fc.oneof(
  fc.constantFrom(0n, 1n, 999n, 1_000n, 10n ** 11n, MAX),
  fc.bigInt({ min: 0n, max: MAX }),
);
const u8 = fc.oneof(fc.constantFrom(0, 1, 2, 3, 5, 6), fc.integer({ min: 0, max: 255 }));
const region = fc.oneof(fc.constantFrom("DE", "US", "FR", "XK", "ZZ", "EU"), fc.stringMatching(/^[A-Z]{2}$/));
const endpoint = fc.oneof(
  fc.constantFrom(
    "socks5://127.0.0.1:1080",
    "/ip4/1.2.3.4/tcp/80",
    "http://h:0",
    "x://y:65536",
    "/dns/a/udp/9/x",
  ),
  fc.stringMatching(/^[\x21-\x7e]{1,64}$/),
);

const fields: Record<keyof typeof servicesCalls, fc.Arbitrary<ModuleCall>> = {
  list: fc
    .record({ kind: u8, region, price: u64, unit: u8, endpoint, bond: u64 })
    .map((p) => servicesCalls.list(p)),
  heartbeat: fc.record({ listing: id }).map((p) => servicesCalls.heartbeat(p)),
  withdraw: fc.record({ listing: id }).map((p) => servicesCalls.withdraw(p)),
  rate: fc.record({ listing: id, channel: id, score: u8 }).map((p) => servicesCalls.rate(p)),
};

const codes = [...Object.keys(SERVICES_ERRORS.codes), "ACCOUNT_INSUFFICIENT_FUNDS", "ACCOUNT_OVERFLOW"];

kindPropertyTests(() => t, { module: "services", calls: fields, signers: KEYS, codes, runs: 200 });
