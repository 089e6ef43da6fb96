/**
 * The light client against real dev node processes: it follows the headers, verifies a device,
 * an absent device and an account, and catches lying nodes — a wrong value, a proof against
 * another root or for another key, a header with insufficient work or wrong bits (each served by
 * a rewriting proxy in front of the real node) — and a node that hides a fork with more work
 * (two nodes of one genesis mining apart). `telchain verify` says what it checked.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, test } from "node:test";
import { fromHex, toHex } from "../bytes.js";
import { bitsToTarget } from "../chain/compact.js";
import { hashToBigInt } from "../chain/pow.js";
import { Header } from "../codec/schema.js";
import { devAccount } from "../crypto/mnemonic.js";
import { devCliFile, json, refusal } from "../testing/dev-cli.js";
import { NodeProcess } from "../testing/node-process.js";
import { RewritingProxy } from "../testing/rewriting-proxy.js";
import { sha256d } from "./hashes.js";
import { LightClient } from "./light-client.js";

const dev = devCliFile("telchain-sdk-lc-");
const IMEI = "490154203237518";
const UNKNOWN_IMEI = "490154203237526";
const proxies: RewritingProxy[] = [];
after(() => Promise.all(proxies.map((p) => p.close())));

async function proxy(rewrite: (path: string, body: Record<string, unknown>) => unknown): Promise<string> {
  const p = await RewritingProxy.start(dev.h.node.url, (path, body) =>
    rewrite(path, body as Record<string, unknown>),
  );
  proxies.push(p);
  return p.url;
}

let registered = false;
async function deviceRegistered(): Promise<void> {
  if (registered) return;
  json(await dev.cli("device", "register", IMEI, "--from", "dev4", "--json"));
  registered = true;
}

/** A copy of the hex header with `edit` applied (the hash then changes: the header is another one). */
function editHeader(hex: string, edit: (h: Header) => void): string {
  const h = Header.deserialize(fromHex(hex));
  edit(h);
  return toHex(Header.serialize(h));
}

test("follows a dev node and verifies a device, an absent device and an account", async () => {
  await deviceRegistered();
  const lc = new LightClient({ nodes: [dev.h.node.url] });
  const sync = await lc.sync();
  const status = (await dev.h.node.get<{ height: number; genesisHash: string }>("/v1/status")).body;
  assert.ok(sync.head.height >= 1 && sync.head.height <= status.height);
  assert.equal(sync.headers, sync.head.height + 1, "every header from genesis was checked and kept");
  assert.equal(lc.header(0)?.hash, status.genesisHash);
  assert.deepEqual(
    lc.nodes().map((n) => n.status),
    ["ok"],
  );

  const r = await lc.verifyRecord("devices", IMEI);
  assert.equal(r.present, true);
  assert.equal(r.record, "device");
  assert.equal((r.value as { owner: string }).owner, `0x${toHex(devAccount(4).publicKey)}`);
  const { body: block } = await dev.h.node.get<{ hash: string; stateRoot: string }>(
    `/v1/blocks/${r.block.height}`,
  );
  assert.deepEqual([r.block.hash, r.block.stateRoot], [block.hash, block.stateRoot]);
  assert.ok(r.checked.some((c) => /Merkle path/.test(c)));

  const absent = await lc.verifyRecord("devices", UNKNOWN_IMEI);
  assert.equal(absent.present, false);
  assert.equal(absent.value, null);

  const acct = await lc.verifyAccount(devAccount(4).address);
  assert.equal(acct.present, true);
  assert.equal((acct.value as { nonce: number }).nonce, await dev.nonce(4));

  await assert.rejects(lc.verifyRecord("devices", "12"), { code: "DEVICES_BAD_IMEI" });
  await assert.rejects(lc.verifyRecord("nosuch", "1"), { code: "SDK_UNKNOWN_MODULE" });
  await assert.rejects(lc.verifyRecord("devices", IMEI, { record: "nosuch" }), {
    code: "SDK_UNKNOWN_RECORD",
  });
});

test("a pinned genesis hash the nodes do not serve is refused", async () => {
  const lc = new LightClient({ nodes: [dev.h.node.url], trust: { genesisHash: "11".repeat(32) } });
  await assert.rejects(lc.sync(), { code: "SDK_CHAIN_MISMATCH" });
});

test("a lying node: wrong decoded value, wrong value, proof against another root, proof for another key", async () => {
  await deviceRegistered();
  const isProof = (p: string) => p.startsWith("/v1/proof/devices/");
  const cases: [string, (b: Record<string, unknown>) => unknown][] = [
    ["SDK_VALUE_MISMATCH", (b) => ({ ...b, decoded: { ...(b.decoded as object), flagged: true } })],
    ["SDK_VALUE_MISMATCH", (b) => ({ ...b, value: `${String(b.value).slice(0, -2)}ff` })],
    [
      "SDK_PROOF_INVALID",
      (b) => {
        const value = `${String(b.value).slice(0, -2)}ff`;
        return { ...b, value, proof: { ...(b.proof as object), value } };
      },
    ],
  ];
  for (const [code, edit] of cases) {
    const url = await proxy((path, body) => (isProof(path) ? edit(body) : body));
    const lc = new LightClient({ nodes: [url] });
    await assert.rejects(lc.verifyRecord("devices", IMEI), { code }, code);
    assert.deepEqual(
      lc.nodes().map((n) => [n.status, n.code]),
      [["lying", code]],
      "the node is reported",
    );
  }

  // A proof from an older block, presented as the proof against the current head.
  const old = (await dev.h.node.get<Record<string, unknown>>(`/v1/proof/devices/${IMEI}`)).body;
  await dev.waitForHead((old.block as { height: number }).height + 2);
  const swapped = await proxy((path, body) => (isProof(path) ? { ...old, block: body.block } : body));
  await assert.rejects(new LightClient({ nodes: [swapped] }).verifyRecord("devices", IMEI), {
    code: "SDK_ROOT_MISMATCH",
  });
  // The older proof as it is, naming its own block, is a true answer about that block.
  const honestOld = await proxy((path, body) => (isProof(path) ? old : body));
  const r = await new LightClient({ nodes: [honestOld] }).verifyRecord("devices", IMEI);
  assert.equal(r.block.height, (old.block as { height: number }).height);

  // The proof of another device, presented as the one asked for.
  const other = (await dev.h.node.get<Record<string, unknown>>(`/v1/proof/devices/${UNKNOWN_IMEI}`)).body;
  const wrongKey = await proxy((path, body) =>
    isProof(path) ? { ...other, id: IMEI, key: (body as { key: string }).key } : body,
  );
  await assert.rejects(new LightClient({ nodes: [wrongKey] }).verifyRecord("devices", IMEI), {
    code: "SDK_WRONG_KEY",
  });
});

test("a node serving a header with insufficient work or wrong bits is caught; the client follows the honest one", async () => {
  await dev.waitForHead(6);
  // The proxies serve the real headers except the one at height 4, edited.
  const mangle = (edit: (h: Header) => void) =>
    proxy((path, body) => {
      if (!path.startsWith("/v1/headers?")) return body;
      const headers = (body.headers as string[]).map((hex) =>
        Header.deserialize(fromHex(hex)).height === 4 ? editHeader(hex, edit) : hex,
      );
      return { ...body, headers };
    });
  const weak = await mangle((h) => {
    // Another nonce whose hash misses the target: the header claims work it does not have.
    const target = bitsToTarget(h.bits);
    do h.nonce += 1n;
    while (hashToBigInt(sha256d(Header.serialize(h))) <= target);
  });
  const easy = await mangle((h) => {
    h.bits = 0x207fffff; // the easiest target: PoW passes, ASERT does not
    const target = bitsToTarget(h.bits);
    while (hashToBigInt(sha256d(Header.serialize(h))) > target) h.nonce += 1n;
  });

  const alone = new LightClient({ nodes: [weak] });
  await assert.rejects(alone.sync(), (e: { code: string; details?: { rule?: string } }) => {
    assert.equal(e.code, "SDK_BAD_HEADER");
    assert.equal(e.details?.rule, "POW");
    return true;
  });
  await assert.rejects(
    new LightClient({ nodes: [easy] }).sync(),
    (e: { code: string; details?: { rule?: string } }) => {
      assert.equal(e.code, "SDK_BAD_HEADER");
      assert.equal(e.details?.rule, "BLOCK_BAD_DIFFICULTY");
      return true;
    },
  );

  const lc = new LightClient({ nodes: [weak, easy, dev.h.node.url] });
  const sync = await lc.sync();
  const [w, e, honest] = lc.nodes();
  assert.equal(w.status, "lying");
  assert.equal(w.code, "SDK_BAD_HEADER");
  assert.equal(e.status, "lying");
  assert.equal(honest.status, "ok");
  assert.equal(sync.head.hash, honest.tip?.hash);
  const r = await lc.verifyRecord("devices", UNKNOWN_IMEI);
  assert.equal(r.node, dev.h.node.url, "a caught node is not asked");
});

test("a node hiding a fork with more work is reported; the client follows the heavier chain", async () => {
  // A second node on the same genesis, not connected: it mines a fork of its own.
  const other = await NodeProcess.start([
    "--dev",
    "--no-pace",
    "--genesis",
    join(dev.h.dir, "genesis.json"),
    "--datadir",
    join(dev.h.dir, "fork-data"),
  ]);
  try {
    assert.ok(await other.ready(), `fork node did not start:\n${other.output}`);
    const deadline = Date.now() + 60_000;
    while ((await other.get<{ height: number }>("/v1/status")).body.height < 4) {
      assert.ok(Date.now() < deadline, "the fork node mines");
      await new Promise((r) => setTimeout(r, 100));
    }
    const lc = new LightClient({ nodes: [dev.h.node.url, other.url] });
    const sync = await lc.sync();
    const reports = lc.nodes();
    const ok = reports.filter((n) => n.status === "ok");
    const hiding = reports.filter((n) => n.status === "lying");
    assert.equal(ok.length, 1, JSON.stringify(reports));
    assert.equal(hiding.length, 1, JSON.stringify(reports));
    assert.equal(hiding[0].code, "SDK_HIDDEN_FORK");
    assert.ok(BigInt(ok[0].tip?.work ?? 0) > BigInt(hiding[0].tip?.work ?? 0));
    assert.equal(sync.head.hash, ok[0].tip?.hash);
    assert.equal(
      lc.header(0)?.hash,
      (await other.get<{ genesisHash: string }>("/v1/status")).body.genesisHash,
    );
  } finally {
    await other.kill();
  }
});

test("telchain verify device, verify account: what was checked, --json, and the SDK code on a lie", async () => {
  await deviceRegistered();
  const human = await dev.cli("verify", "device", IMEI);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^verified\s+devices\/device 490154203237518$/m);
  assert.match(human.stdout, /headers: \d+ checked \(linkage, proof of work, ASERT bits, median time past\)/);
  assert.match(human.stdout, /key: [0-9a-f]+ derived locally/);
  assert.match(human.stdout, /decoded locally/);

  const out = json(await dev.cli("verify", "device", UNKNOWN_IMEI, "--json"));
  assert.equal(out.present, false);
  assert.equal(out.module, "devices");
  const acct = json(await dev.cli("verify", "account", devAccount(4).address, "--json"));
  assert.equal(acct.present, true);

  const liar = await proxy((path, body) =>
    path.startsWith("/v1/proof/devices/") ? { ...body, decoded: null } : body,
  );
  assert.equal(
    refusal(await dev.cli("verify", "device", IMEI, "--node", liar, "--json")).code,
    "SDK_VALUE_MISMATCH",
  );
  assert.equal(refusal(await dev.cli("verify", "nosuch", "1", "--json")).code, "SDK_UNKNOWN_MODULE");
});
