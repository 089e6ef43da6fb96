/**
 * The whole story on a real chain: a subscriber with a number, a device, vouchers and coins loses
 * their key; two of three guardians recover the account to a new key after the delay; the same
 * address still holds everything, and the new key moves each of them (the old key signs nothing).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards, signingFor } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { getFromRoutes } from "../../testing/routes-app.js";
import { devicesCalls, devicesModule } from "../devices/index.js";
import { numbersModule } from "../numbers/index.js";
import { vouchersCalls, vouchersModule } from "../vouchers/index.js";
import {
  FEE,
  fresh,
  G1,
  G2,
  G3,
  keyOf,
  mineTo,
  NEW,
  numbers,
  OP,
  OWNER,
  pay,
  rc,
  registerCarrier,
  STRANGER,
  viewOf,
} from "./fixtures.test.js";

const N = "+15551230000";
const IMEI = "490154203237518";
const DELAY = 5;
type Holdings = { number: string; device: string; vouchers: string };
async function holdings(t: ModuleTestChain): Promise<Holdings> {
  const n = await getFromRoutes<{ holder: string }>(numbersModule, t.query("numbers"), `/v1/numbers/${N}`);
  const d = await getFromRoutes<{ owner: string }>(devicesModule, t.query("devices"), `/v1/devices/${IMEI}`);
  const v = await getFromRoutes<{ amount: string }>(
    vouchersModule,
    t.query("vouchers"),
    `/v1/vouchers/classes/1/balances/${encodeAddress(OWNER.pub)}`,
  );
  return { number: n.body.holder, device: d.body.owner, vouchers: v.body.amount };
}

test("a lost key: two of three guardians recover the account; its number, device, vouchers and coins stay and move with the new key", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(OP, registerCarrier("AAA", "1555")));
  await t.mine(
    t.call(OWNER, numbers.claim({ number: N, carrier: "AAA" })),
    t.call(OWNER, devicesCalls.register({ imei: IMEI })),
    t.call(
      OP,
      vouchersCalls["class-create"]({
        unit: 2,
        name: "1 GB data",
        description: "",
        expiry: 10_000,
        transferable: true,
        cap: [],
      }),
    ),
    t.call(OWNER, rc.set([G1, G2, G3], 2, DELAY)),
  );
  await t.mine(
    t.call(OP, numbers.confirm({ number: N, routingNumber: "" })),
    t.call(OP, vouchersCalls.issue({ classId: 1, to: OWNER.pub, amount: 100n })),
  );
  const owner = encodeAddress(OWNER.pub);
  assert.deepEqual(await holdings(t), { number: owner, device: owner, vouchers: "100" });
  const coins = t.balance(OWNER.pub);

  // The phone is lost. Guardian 1 proposes the new key: one approval of two.
  await t.mine(t.call(G1, rc.propose(OWNER, NEW)));
  const opened = t.height;
  assert.deepEqual(viewOf(t, OWNER)?.proposals, [
    {
      key: encodeAddress(NEW.pub),
      approvers: [encodeAddress(G1.pub)],
      approvals: 1,
      openedAt: opened,
      expiresAt: opened + DELAY,
    },
  ]);
  assert.equal(viewOf(t, OWNER)?.recovery, null);
  // Guardian 2 approves: the threshold is reached and the recovery starts.
  await t.mine(t.call(G2, rc.propose(OWNER, NEW)));
  const started = t.height;
  assert.deepEqual(viewOf(t, OWNER)?.recovery, {
    key: encodeAddress(NEW.pub),
    startedAt: started,
    executableAt: started + DELAY,
    executable: false,
  });
  assert.deepEqual(viewOf(t, OWNER)?.proposals, [], "the proposal became the recovery");

  // Anyone may execute, but not before height startedAt + delay.
  t.refuse(t.call(STRANGER, rc.execute(OWNER), false), "RECOVERY_TOO_EARLY");
  await mineTo(t, started + DELAY - 2);
  t.refuse(t.call(STRANGER, rc.execute(OWNER), false), "RECOVERY_TOO_EARLY");
  await t.mine();
  assert.equal(viewOf(t, OWNER)?.recovery?.executable, true);
  await t.mine(t.call(STRANGER, rc.execute(OWNER)));
  assert.equal(t.height, started + DELAY, "executed in the first block allowed");
  assert.equal(encodeAddress(keyOf(t, OWNER)), encodeAddress(NEW.pub));
  assert.equal(viewOf(t, OWNER)?.recovery, null);
  t.refuse(t.call(STRANGER, rc.execute(OWNER), false), "RECOVERY_NONE");

  // The address holds everything still; the execution cost the owner nothing.
  assert.deepEqual(await holdings(t), { number: owner, device: owner, vouchers: "100" });
  assert.equal(t.balance(OWNER.pub), coins);

  // The old key signs nothing; the new key moves each holding.
  t.refuse(t.call(OWNER, pay(STRANGER.pub, 1n), false), "TX_KEY_ROTATED");
  const phone = signingFor(OWNER, NEW);
  const before = t.balance(STRANGER.pub);
  await t.mine(
    t.call(phone, pay(STRANGER.pub, 700n)),
    t.call(phone, vouchersCalls.transfer({ classId: 1, to: STRANGER.pub, amount: 40n })),
    t.call(phone, devicesCalls.transfer({ imei: IMEI, to: STRANGER.pub })),
    t.call(phone, numbers.release({ number: N })),
  );
  assert.equal(t.balance(STRANGER.pub), before + 700n);
  assert.equal(t.balance(OWNER.pub), coins - 700n - 4n * FEE + 50_000n, "the number's deposit came back");
  await t.mine(t.call(STRANGER, devicesCalls.accept({ imei: IMEI })));
  const after = await holdings(t);
  assert.equal(after.device, encodeAddress(STRANGER.pub));
  assert.equal(after.vouchers, "60");
});
