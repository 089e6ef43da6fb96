/**
 * "Verified against block N": the SDK's light client, running in the browser, follows the
 * headers of the node that served the page (proof of work, ASERT bits, linkage from the
 * genesis) and checks a record's Merkle proof against the state root of a header it checked
 * itself. The page never takes the node's word for the answer it shows as verified.
 *
 * The genesis hash is pinned on first use (localStorage, per origin): a node that later
 * serves another chain is refused, and the page says so.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { LightClient, VerifiedRecord } from "../sdk/index.js";
import { apiGet } from "./api.js";

export type Verification = VerifiedRecord | { ok: false; reason: string };

const PIN = "telchain.genesisHash";
let client: Promise<LightClient> | undefined;

async function lightClient(): Promise<LightClient> {
  const status = await apiGet<{ genesisHash: string; chainId: string }>("/v1/status");
  if (!status.ok) throw new Error(`the node's status: ${status.error.message}`);
  const pinned = localStorage.getItem(PIN);
  if (pinned && pinned !== status.body.genesisHash)
    throw new Error(
      `this node serves another chain (genesis ${status.body.genesisHash.slice(0, 12)}…, pinned ${pinned.slice(0, 12)}…)`,
    );
  if (!pinned) localStorage.setItem(PIN, status.body.genesisHash);
  // The SDK (codecs, hashes, proofs of every module) is its own chunk, loaded on the first check.
  const { LightClient } = await import("../sdk/index.js");
  return new LightClient({ nodes: [location.origin], trust: { genesisHash: status.body.genesisHash } });
}

/** One verification at a time: the light client's sync is not made to run twice at once. */
let queue: Promise<unknown> = Promise.resolve();

/** Syncs the headers (again: the chain moves) and verifies one record. Never throws. */
export function verify(module: string, id: string, record?: string): Promise<Verification> {
  const run = queue.then(() => verifyNow(module, id, record));
  queue = run;
  return run;
}

async function verifyNow(module: string, id: string, record?: string): Promise<Verification> {
  try {
    client ??= lightClient();
    const lc = await client;
    await lc.sync();
    return await lc.verifyRecord(module, id, record ? { record } : undefined);
  } catch (e) {
    client = undefined;
    const err = e as { code?: string; message?: string };
    return { ok: false, reason: err.code ? `${err.code}: ${err.message}` : String(err.message ?? e) };
  }
}

/** Verifies when `key` changes; undefined while it runs. */
export function useVerification(module: string, id: string | undefined, record?: string, key?: unknown) {
  const [v, setV] = useState<Verification>();
  useEffect(() => {
    setV(undefined);
    if (id === undefined) return;
    let live = true;
    verify(module, id, record).then((r) => live && setV(r));
    return () => {
      live = false;
    };
  }, [module, id, record, key]);
  return v;
}

/** The badge: "verified against block N" with what was checked, or "not verified: why". */
export function VerifiedBadge(props: { v: Verification | undefined }): JSX.Element {
  const v = props.v;
  if (!v) return <p class="verify pending">verifying with the light client…</p>;
  if (!v.ok)
    return (
      <p class="verify failed" data-verified="no">
        not verified: {v.reason}
      </p>
    );
  return (
    <details class="verify ok" data-verified="yes">
      <summary>✔ verified against block {v.block.height}</summary>
      <p class="mono small wrap">
        block {v.block.hash}, state root {v.block.stateRoot}
      </p>
      <ul>
        {v.checked.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </details>
  );
}
