import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { FastifyInstance } from "fastify";
import { getBlockRoute, getMempoolRoute } from "../api/routes/chain.js";
import { submitTxRoute } from "../api/routes/txs.js";
import { createApiServer } from "../api/server.js";
import { toHex } from "../bytes.js";
import { decodeTx } from "../codec/decode.js";
import { txHashOfBytes, txSigningDigest } from "../codec/hashing.js";
import { Tx } from "../codec/schema.js";
import { encodeAddress } from "../crypto/address.js";
import { publicKeyFromSeed, verify } from "../crypto/ed25519.js";
import { Keystore } from "../crypto/keystore.js";
import { devAccount } from "../crypto/mnemonic.js";
import { TelchainError } from "../errors.js";
import type { NodeApi, NodeStatus, TxView } from "../node/types.js";
import { nodeStatus } from "../testing/node-status.js";
import { getAccount, getStatus, getTx, submitTx } from "./actions/index.js";
import { ApiClient, type ApiError } from "./api-client.js";
import { routeRequest } from "./route-call.js";
import { resolveSigner } from "./signer.js";
import { buildAndSign, submitCall } from "./tx-builder.js";

/** The key fields of an account that never rotated its key nor was locked. */
const unrotated = (address: string) => ({
  authorisingKey: address,
  rotated: false,
  lockedUntil: 0,
  locked: false,
  memoKey: null,
});

const SEED = new Uint8Array(32).fill(3);
const PUB = publicKeyFromSeed(SEED);

function build(chainId = "telchain-test", feePerByte = 7n) {
  return buildAndSign({
    chainId,
    seed32: SEED,
    publicKey: PUB,
    nonce: 4,
    feePerByte,
    module: "coin",
    kind: "transfer",
    payload: new Uint8Array([1, 2, 3, 4, 5]),
    expiry: 99,
  });
}

test("buildAndSign: the transaction decodes strictly and pays feePerByte × its size", () => {
  const built = build();
  const decoded = decodeTx(built.bytes);
  assert.deepEqual(Tx.serialize(decoded), built.bytes);
  assert.deepEqual(decoded.body.sender, PUB);
  assert.equal(decoded.body.nonce, 4);
  assert.equal(decoded.body.expiry, 99);
  assert.equal(new TextDecoder().decode(decoded.body.module), "coin");
  assert.equal(new TextDecoder().decode(decoded.body.kind), "transfer");
  assert.deepEqual([...decoded.body.payload], [1, 2, 3, 4, 5]);
  assert.equal(decoded.body.fee, 7n * BigInt(built.bytes.length));
  assert.equal(built.hash, toHex(txHashOfBytes(built.bytes)));
  // The fee is fixed-width: a different fee rate gives the same size.
  assert.equal(build("telchain-test", 1_000_000n).bytes.length, built.bytes.length);
});

test("buildAndSign: the signature verifies for its chain id and not for another", () => {
  const { tx } = build("telchain-test");
  assert.equal(verify(PUB, txSigningDigest("telchain-test", tx.body), tx.signature), true);
  assert.equal(verify(PUB, txSigningDigest("telchain-dev", tx.body), tx.signature), false);
  assert.equal(verify(PUB, txSigningDigest("telchain-tes", tx.body), tx.signature), false);
});

test("buildAndSign refuses a fee that does not fit in a uint64", () => {
  assert.throws(
    () => build("x", 1n << 60n),
    (e: TelchainError) => e.code === "TX_BAD_FEE",
  );
});

test("ApiClient: an unreachable node is NODE_UNREACHABLE, a bad URL is API_URL_INVALID", async () => {
  await assert.rejects(new ApiClient("http://127.0.0.1:1").get("/v1/status"), (e: TelchainError) => {
    assert.equal(e.code, "NODE_UNREACHABLE");
    assert.match(e.message, /http:\/\/127\.0\.0\.1:1.*telchain node/);
    return true;
  });
  assert.throws(
    () => new ApiClient("127.0.0.1:8645"),
    (e: TelchainError) => e.code === "API_URL_INVALID",
  );
});

const DEV_STATUS = nodeStatus({ height: 10, mining: true, minFeePerByte: "2" });

/** A node that really decodes and verifies submitted transactions, and includes them after `pendingPolls` polls. */
function verifyingNode(status: NodeStatus, pendingPolls = 0) {
  const submitted: Uint8Array[] = [];
  let polls = 0;
  const node = {
    status: () => status,
    modules: () => [],
    account: (address: string) => ({
      address,
      balance: "0",
      nonce: 5,
      pendingNonce: 6,
      ...unrotated(address),
    }),
    submitTx: async (bytes: Uint8Array) => {
      const tx = decodeTx(bytes);
      if (!verify(tx.body.sender, txSigningDigest(status.chainId, tx.body), tx.signature)) {
        throw new TelchainError("TX_BAD_SIGNATURE", "signature does not verify");
      }
      submitted.push(bytes);
      return { hash: toHex(txHashOfBytes(bytes)) };
    },
    tx: (hash: string): TxView | undefined => {
      if (!submitted.some((b) => toHex(txHashOfBytes(b)) === hash)) return undefined;
      polls++;
      const included = polls > pendingPolls;
      const view: TxView = {
        hash,
        status: included ? "included" : "pending",
        sender: "tel1",
        nonce: 6,
        fee: "0",
        expiry: 0,
        module: "coin",
        kind: "transfer",
        payload: null,
        size: 1,
      };
      return included ? { ...view, height: 11, blockHash: "b".repeat(64), index: 0 } : view;
    },
  } as unknown as NodeApi;
  return { node, submitted, polls: () => polls };
}

async function listen(node: NodeApi): Promise<{ app: FastifyInstance; url: string }> {
  const app = await createApiServer(node, {});
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return { app, url };
}

test("submitCall signs as a dev account with the pending nonce and waits for inclusion", async () => {
  const { node, submitted, polls } = verifyingNode(DEV_STATUS, 2);
  const { app, url } = await listen(node);
  try {
    const written: string[] = [];
    const result = await submitCall(
      {
        from: "dev1",
        module: "coin",
        kind: "transfer",
        payload: new Uint8Array([9]),
        apiUrl: url,
        wait: true,
      },
      { pollMs: 10, progress: { write: (s: string) => written.push(s) } },
    );
    assert.equal(submitted.length, 1);
    const tx = decodeTx(submitted[0]);
    assert.equal(encodeAddress(tx.body.sender), devAccount(1).address);
    assert.equal(tx.body.nonce, 6, "uses the account's pendingNonce");
    assert.equal(tx.body.fee, 2n * BigInt(submitted[0].length), "pays minFeePerByte × size");
    assert.deepEqual(result, { hash: toHex(txHashOfBytes(submitted[0])), status: "included", height: 11 });
    assert.equal(polls(), 3);
    assert.equal(written.join(""), "..\n");
  } finally {
    await app.close();
  }
});

test("submitCall without wait returns as soon as the node accepted the transaction", async () => {
  const { node, submitted } = verifyingNode(DEV_STATUS);
  const { app, url } = await listen(node);
  try {
    const result = await submitCall({
      from: "dev0",
      module: "coin",
      kind: "transfer",
      payload: new Uint8Array([1]),
      apiUrl: url,
      wait: false,
    });
    assert.equal(result.status, "pending");
    assert.equal(result.hash, toHex(txHashOfBytes(submitted[0])));
  } finally {
    await app.close();
  }
});

test("submitCall gives up with TX_WAIT_TIMEOUT when the transaction stays pending", async () => {
  const { node } = verifyingNode(DEV_STATUS, Number.POSITIVE_INFINITY);
  const { app, url } = await listen(node);
  try {
    await assert.rejects(
      submitCall(
        { from: "dev0", module: "coin", kind: "t", payload: new Uint8Array(), apiUrl: url, wait: true },
        { pollMs: 5, timeoutMs: 60, progress: null },
      ),
      (e: TelchainError) => e.code === "TX_WAIT_TIMEOUT" && /pending/.test(e.message),
    );
  } finally {
    await app.close();
  }
});

test("submitCall signs with a keystore wallet; the node's refusals come back as TelchainErrors", async () => {
  const dir = mkdtempSync(join(tmpdir(), "telchain-client-"));
  const status = { ...DEV_STATUS, chainId: "telchain-main" };
  const { node, submitted } = verifyingNode(status);
  const { app, url } = await listen(node);
  try {
    const keystore = new Keystore(dir);
    const created = keystore.create("alice", "pw");
    const call = {
      from: "alice",
      module: "coin",
      kind: "t",
      payload: new Uint8Array([7]),
      apiUrl: url,
      wait: false,
    };
    await submitCall(call, { keystore, passphrase: async () => "pw" });
    assert.equal(encodeAddress(decodeTx(submitted[0]).body.sender), created.address);

    await assert.rejects(
      submitCall(call, { keystore, passphrase: async () => "wrong" }),
      (e: TelchainError) => e.code === "KEYSTORE_BAD_PASSPHRASE",
    );
    // Dev accounts are refused on any chain but the dev chain.
    await assert.rejects(submitCall({ ...call, from: "dev0" }), (e: TelchainError) => {
      assert.equal(e.code, "SIGNER_DEV_ACCOUNT");
      assert.match(e.message, /only on the dev chain/);
      return true;
    });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("resolveSigner refuses an address (signing needs a key) and needs a passphrase source", async () => {
  await assert.rejects(
    resolveSigner(devAccount(0).address, "telchain-dev"),
    (e: TelchainError) => e.code === "SIGNER_NEEDS_KEY",
  );
  const dir = mkdtempSync(join(tmpdir(), "telchain-client-"));
  const saved = process.env.TELCHAIN_PASSPHRASE;
  try {
    const keystore = new Keystore(dir);
    keystore.create("bob", "secret");
    process.env.TELCHAIN_PASSPHRASE = "secret";
    const signer = await resolveSigner("bob", "telchain-main", { keystore });
    assert.equal(signer.address, keystore.info("bob").address);
    // An unknown wallet is refused before the passphrase is asked for, with the wallets there are.
    let asked = false;
    const ask = async () => {
      asked = true;
      return "secret";
    };
    await assert.rejects(resolveSigner("mallory", "telchain-main", { keystore, passphrase: ask }), {
      code: "KEYSTORE_NOT_FOUND",
      message: `no wallet named "mallory" in ${dir}; the wallets are: bob`,
    });
    await assert.rejects(resolveSigner("mallory", "telchain-dev", { keystore, passphrase: ask }), {
      message: /the wallets are: bob; on this dev chain also dev0\.\.dev9$/,
    });
    assert.equal(asked, false, "no passphrase asked for");
    delete process.env.TELCHAIN_PASSPHRASE;
    if (!process.stdin.isTTY) {
      await assert.rejects(
        resolveSigner("bob", "telchain-main", { keystore }),
        (e: TelchainError) => e.code === "PASSPHRASE_REQUIRED" && /TELCHAIN_PASSPHRASE/.test(e.message),
      );
    }
  } finally {
    if (saved === undefined) delete process.env.TELCHAIN_PASSPHRASE;
    else process.env.TELCHAIN_PASSPHRASE = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

test("ApiClient turns an error response into a TelchainError with the node's code", async () => {
  const { node } = verifyingNode(DEV_STATUS);
  const { app, url } = await listen(node);
  try {
    const api = new ApiClient(`${url}/`);
    assert.equal((await api.get<NodeStatus>("/v1/status")).chainId, "telchain-dev");
    await assert.rejects(api.get(`/v1/txs/${"c".repeat(64)}`), (e: ApiError) => {
      assert.equal(e.code, "NOT_FOUND");
      assert.equal(e.status, 404);
      return true;
    });
    await assert.rejects(
      api.post("/v1/txs", { tx: "00" }),
      (e: TelchainError) => e.code === "CODEC_MALFORMED",
    );
  } finally {
    await app.close();
  }
});

test("routeRequest puts each argument where the route's schemas say", () => {
  assert.deepEqual(routeRequest(getBlockRoute, { id: "a/b c" }), {
    path: "/v1/blocks/a%2Fb%20c",
    body: undefined,
  });
  assert.deepEqual(routeRequest(getMempoolRoute, { limit: 7 }), {
    path: "/v1/mempool?limit=7",
    body: undefined,
  });
  assert.deepEqual(routeRequest(getMempoolRoute), { path: "/v1/mempool", body: undefined });
  assert.deepEqual(routeRequest(submitTxRoute, { tx: "00" }), { path: "/v1/txs", body: { tx: "00" } });
  assert.throws(() => routeRequest(getBlockRoute, {}), /path parameter "id" is missing/);
});

test("typed actions call the core routes and reject with the node's code", async () => {
  const { node } = verifyingNode(DEV_STATUS);
  const { app, url } = await listen(node);
  try {
    const api = new ApiClient(url);
    assert.deepEqual(await getStatus(api), DEV_STATUS);
    const address = devAccount(0).address;
    assert.deepEqual(await getAccount(api, { address }), {
      address,
      balance: "0",
      nonce: 5,
      pendingNonce: 6,
      ...unrotated(address),
    });
    await assert.rejects(getTx(api, { hash: "c".repeat(64) }), (e: ApiError) => {
      assert.equal(e.code, "NOT_FOUND");
      assert.equal(e.status, 404);
      return true;
    });
    await assert.rejects(
      submitTx(api, { tx: "00" }),
      (e: ApiError) => e.code === "CODEC_MALFORMED" && e.status === 400,
    );
    const built = buildAndSign({
      chainId: DEV_STATUS.chainId,
      seed32: SEED,
      publicKey: PUB,
      nonce: 6,
      feePerByte: 2n,
      module: "coin",
      kind: "transfer",
      payload: new Uint8Array([1]),
    });
    assert.deepEqual(await submitTx(api, { tx: toHex(built.bytes) }), { hash: built.hash });
    assert.equal((await getTx(api, { hash: built.hash })).status, "included");
  } finally {
    await app.close();
  }
});
