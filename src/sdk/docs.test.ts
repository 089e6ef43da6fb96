/**
 * docs/sdk.md against the dev chain: every value of its worked example is recomputed from its
 * inputs (SDK hashes) and compared with what a real `telchain node --dev` serves, and the
 * runnable example docs/sdk-example.mjs runs against that node.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fromHex, toHex } from "../bytes.js";
import { workForBits } from "../chain/pow.js";
import { Header } from "../codec/schema.js";
import { decodeAddress } from "../crypto/address.js";
import { moduleProofs } from "../modules/proofs.js";
import { repoRoot } from "../testing/fixtures.js";
import { NodeProcess } from "../testing/node-process.js";
import { bucketHash, bucketOf, keyHash, nodeHash, sha256d, taggedHash, valueHash } from "./hashes.js";
import { decodeHeaderHex } from "./header-chain.js";
import { stateKey } from "./light-client.js";
import type { StateProof } from "./state-proof.js";

const doc = readFileSync(join(repoRoot(), "docs", "sdk.md"), "utf8");

/** The worked example's `name value` lines (the text block after the worked-example marker). */
function workedExample(): Map<string, string> {
  const at = doc.indexOf("<!-- worked-example");
  assert.ok(at >= 0, "docs/sdk.md has its worked example");
  const block = /```text\n([\s\S]*?)```/.exec(doc.slice(at));
  assert.ok(block, "the worked example is a text block");
  const out = new Map<string, string>();
  for (const line of block[1].trim().split("\n")) {
    const [name, value, ...rest] = line.trim().split(/\s+/);
    assert.deepEqual(rest, [], `one value per line: ${line}`);
    out.set(name, value);
  }
  return out;
}

let node: NodeProcess;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "telchain-sdk-docs-"));
  node = await NodeProcess.start(["--dev", "--no-mine", "--datadir", join(dir, "data")]);
  assert.ok(await node.ready(), `node did not start:\n${node.output}`);
});
after(async () => {
  await node?.kill();
  rmSync(dir, { recursive: true, force: true });
});

test("the worked example's values are the dev chain's, each recomputed from its inputs", async () => {
  const v = workedExample();
  const get = (name: string): string => {
    const x = v.get(name);
    assert.ok(x !== undefined, `docs/sdk.md shows ${name}`);
    return x;
  };
  const chain = (await node.get<{ chainId: string; genesisHash: string; genesisBits: string }>("/v1/chain"))
    .body;
  const served = (await node.get<{ headers: string[] }>("/v1/headers?from=0&count=1")).body.headers[0];

  // The header: served as shown, its fields, its hash and work.
  assert.equal(get("chain.id"), chain.chainId);
  assert.equal(get("genesis.header"), served);
  const { header, hash } = decodeHeaderHex(get("genesis.header"));
  assert.equal(get("genesis.header").length, 2 * 160);
  assert.equal(toHex(hash), get("genesis.hash"));
  assert.equal(toHex(sha256d(Header.serialize(header))), chain.genesisHash);
  assert.equal(get("genesis.parent"), toHex(header.parent));
  assert.equal(
    get("genesis.parent"),
    toHex(taggedHash("telchain/genesis", new TextEncoder().encode(chain.chainId))),
  );
  assert.equal(Number(get("genesis.timestamp")), header.timestamp);
  assert.equal(get("genesis.stateRoot"), toHex(header.stateRoot));
  assert.equal(Number.parseInt(get("genesis.bits"), 16), header.bits);
  assert.equal(`0x${get("genesis.bits")}`, chain.genesisBits);
  assert.equal(get("genesis.work"), workForBits(header.bits).toString());

  // The record: key derived from the id, its hashes, the path to the genesis state root.
  const id = get("verifier.id");
  const verifier = moduleProofs().enum.find((p) => p.record === "verifier");
  assert.ok(verifier);
  const key = stateKey("enum", verifier.key(verifier.param.parse(id)));
  assert.equal(get("verifier.key"), toHex(key));
  assert.equal(toHex(key).slice(18), toHex(decodeAddress(id)), "m/enum/v/ then the public key");
  const kh = keyHash(key);
  assert.equal(get("verifier.keyHash"), toHex(kh));
  assert.equal(Number(get("verifier.bucket")), bucketOf(kh));
  const answer = (
    await node.get<{ value: string; proof: StateProof; block: { height: number } }>(
      `/v1/proof/enum/${id}?record=verifier`,
    )
  ).body;
  assert.equal(answer.block.height, 0);
  assert.equal(get("verifier.value"), answer.value);
  const vh = valueHash(fromHex(get("verifier.value")));
  assert.equal(get("verifier.valueHash"), toHex(vh));
  assert.deepEqual(
    answer.proof.entries,
    [{ keyHash: toHex(kh), valueHash: toHex(vh) }],
    "the bucket holds one entry",
  );
  let n = bucketHash([{ keyHash: kh, valueHash: vh }]);
  assert.equal(get("verifier.bucketHash"), toHex(n));
  let idx = 65536 + bucketOf(kh);
  const shown = [...v.keys()].filter((k) => k.startsWith("verifier.level"));
  for (const [level, s] of answer.proof.siblings.entries()) {
    const sib = fromHex(s);
    n = idx % 2 === 0 ? nodeHash(n, sib) : nodeHash(sib, n);
    idx >>= 1;
    const name = `verifier.level${level + 1}`;
    if (v.has(name)) assert.equal(get(name), toHex(n), name);
  }
  assert.equal(shown.length, 4);
  assert.equal(get("verifier.level16"), get("genesis.stateRoot"));
  assert.equal(toHex(n), get("genesis.stateRoot"));
  assert.ok(
    answer.proof.siblings.slice(0, 12).every((s) => /^0+$/.test(s)),
    "the first 12 siblings are zero",
  );
  assert.equal(v.size, 19, "every shown value was checked");
});

test("docs/sdk-example.mjs runs against a dev node (importing telchain/sdk)", async () => {
  const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      [join(repoRoot(), "docs", "sdk-example.mjs"), node.url, "490154203237526"],
      { cwd: repoRoot() },
      (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
    ),
  );
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^followed 1 headers, best tip 0 /m);
  assert.match(out.stdout, /^device 490154203237526: not registered \(proven absent\)$/m);
  assert.match(out.stdout, /^verified against block 0 /m);
  assert.match(out.stdout, /checked proof: Merkle path/);
});
