/**
 * The light client: follows block headers from one or more nodes, checking each with the
 * consensus rules from a trusted genesis hash or checkpoint, keeps the chain with the most
 * work, and verifies what a node says about a state record with its Merkle proof against the
 * state root of a header it checked — deriving the record's key and decoding its value itself.
 * Browser-safe. The verification it performs is specified in docs/sdk.md.
 */
import { equalBytes, fromHexOrUndefined, toHex } from "../bytes.js";
import type { HeaderParams } from "../chain/header-context.js";
import { ApiClient, ApiError } from "../client/api-client.js";
import type { Header } from "../codec/schema.js";
import { decodeAddress } from "../crypto/address.js";
import { isTelchainError, TelchainError } from "../errors.js";
import { type ModuleProof, proofFor } from "../module/proof.js";
import { moduleProofs } from "../modules/proofs.js";
import { Account, accountKey } from "../state/accounts.js";
import { type CheckedHeader, decodeHeaderHex, HeaderChain } from "./header-chain.js";
import { type StateProof, verifyStateProof } from "./state-proof.js";
import {
  bad,
  type ChainInfo,
  type Checkpoint,
  checkpointHeaders,
  genesisHeader,
  hash32,
  hexBits,
  int,
  parseChainInfo,
  type Trust,
} from "./trust.js";

export type { ChainInfo, Checkpoint, Trust };

export interface LightClientOptions {
  /** API base URLs of the nodes to follow, e.g. "http://127.0.0.1:8645". */
  nodes: string[];
  /**
   * What the client takes on trust. Default: the genesis hash every node reports (they must
   * all agree); pin { genesisHash } or { checkpoint } to trust no node for it.
   */
  trust?: Trust;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Cap on the headers kept in memory (default 500,000; about 1 KB each). */
  maxHeaders?: number;
  /** Per-request timeout in milliseconds (default 30,000). */
  timeoutMs?: number;
  /** Clock in seconds since the epoch, for the future-drift rule (default: Date.now()). */
  now?: () => number;
  /** Provable records by module (default: this package's modules, moduleProofs()). */
  proofs?: Record<string, ModuleProof[]>;
}

export interface BlockRef {
  height: number;
  hash: string;
  stateRoot: string;
}

export type NodeState = "ok" | "behind" | "lying" | "unreachable";

export interface NodeReport {
  url: string;
  status: NodeState;
  /** The code of the failed check (lying, unreachable) or SDK_NODE_BEHIND. */
  code?: string;
  reason?: string;
  /** The node's tip as the client checked it. */
  tip?: { height: number; hash: string; work: string };
}

export interface VerifiedRecord {
  ok: true;
  module: string;
  record: string;
  id: string;
  /** The value decoded by the client from the proven bytes, or null when absent. */
  value: unknown;
  present: boolean;
  block: BlockRef;
  /** The node that answered. */
  node: string;
  /** What was checked, one human line each. */
  checked: string[];
}

export interface SyncResult {
  head: BlockRef;
  headers: number;
  work: string;
  nodes: NodeReport[];
}

interface NodeSlot {
  url: string;
  api: ApiClient;
  report: NodeReport;
  tip?: CheckedHeader;
  error?: TelchainError;
}

/** At most this many headers per GET /v1/headers (the route's own limit). */
const BATCH = 2000;
const DEFAULT_MAX_HEADERS = 500_000;
/** Failed checks that only a dishonest (or broken) node's answer explains. */
const LIES = new Set([
  "SDK_BAD_RESPONSE",
  "SDK_BAD_HEADER",
  "SDK_ROOT_MISMATCH",
  "SDK_PROOF_INVALID",
  "SDK_WRONG_KEY",
  "SDK_VALUE_MISMATCH",
]);
const encoder = new TextEncoder();

/** JSON with object keys sorted, to compare two JSON values by content. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

export class LightClient {
  private readonly slots: NodeSlot[];
  private readonly trust?: Trust;
  private readonly maxHeaders: number;
  private readonly now: () => number;
  private readonly proofs: Record<string, ModuleProof[]>;
  private chain?: HeaderChain;
  private info?: ChainInfo;
  private syncing?: Promise<SyncResult>;

  constructor(opts: LightClientOptions) {
    if (!Array.isArray(opts.nodes) || opts.nodes.length === 0) {
      throw new TelchainError("SDK_NO_NODE", "give the light client at least one node URL");
    }
    this.slots = opts.nodes.map((url) => {
      const api = new ApiClient(url, opts.timeoutMs, opts.fetch);
      return { url: api.baseUrl, api, report: { url: api.baseUrl, status: "ok" } };
    });
    this.trust = opts.trust;
    this.maxHeaders = opts.maxHeaders ?? DEFAULT_MAX_HEADERS;
    this.now = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.proofs = opts.proofs ?? moduleProofs();
  }

  /** The chain's id and parameters, as every node agreed on them (after sync()). */
  chainInfo(): ChainInfo | undefined {
    return this.info;
  }

  /** The best checked chain's tip. */
  head(): BlockRef {
    return blockRef(this.headerChain().best);
  }

  /** How many headers the client keeps, and the best chain's cumulative work (decimal). */
  stats(): { headers: number; work: string } {
    const c = this.headerChain();
    return { headers: c.size, work: c.best.work.toString() };
  }

  /** Each node's standing after the last sync: ok, behind, lying (with the failed check) or unreachable. */
  nodes(): NodeReport[] {
    return this.slots.map((s) => ({ ...s.report }));
  }

  /**
   * A checkpoint of the checked best chain at `height` (default: the tip), to pin in another
   * client (`trust: { checkpoint }`) so that it starts there instead of at genesis.
   */
  checkpoint(height?: number): Checkpoint {
    const chain = this.headerChain();
    const c = height === undefined ? chain.best : chain.atHeight(height);
    if (!c) throw new TelchainError("SDK_UNKNOWN_BLOCK", `no checked header at height ${height}`);
    return {
      height: c.height,
      hash: c.hash,
      anchorTime: c.anchorTime,
      work: c.work.toString(),
    };
  }

  /** The checked best-chain header at `height`, if the client has it. */
  header(height: number): (BlockRef & { header: Header }) | undefined {
    const c = this.chain?.atHeight(height);
    return c && this.chain && { ...blockRef(c), header: this.chain.headerOf(c) };
  }

  /**
   * Follows every node's headers, checks them, keeps the chain with most work and rates the
   * nodes. Throws (with the first node's own code) only when no node is ok.
   */
  sync(): Promise<SyncResult> {
    // One sync at a time: callers arriving meanwhile share it (a page may ask twice at once).
    this.syncing ??= this.syncOnce().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncOnce(): Promise<SyncResult> {
    if (!this.chain) await this.start();
    for (const s of this.slots) {
      if (s.report.status === "lying") continue; // a node caught once is not followed again
      s.error = undefined;
      try {
        await this.follow(s);
      } catch (e) {
        // The client's own limit is no node's fault: it ends the sync.
        if (!isTelchainError(e) || e.code === "SDK_TOO_MANY_HEADERS") throw e;
        s.error = e;
      }
    }
    this.rate();
    const ok = this.slots.find((s) => s.report.status === "ok");
    if (!ok) {
      const first = this.slots[0];
      throw (
        first.error ?? new TelchainError(first.report.code ?? "SDK_NODE_BEHIND", first.report.reason ?? "")
      );
    }
    const chain = this.headerChain();
    return { head: this.head(), headers: chain.size, work: chain.best.work.toString(), nodes: this.nodes() };
  }

  /**
   * Asks a node (the first ok one, or `opts.node`) for a module record with its proof and
   * checks it: the block is on the checked chain, the proof's root is that header's state root,
   * the Merkle path, the key derived locally from the id, and the value decoded locally.
   */
  async verifyRecord(
    module: string,
    id: string,
    opts: { record?: string; node?: string } = {},
  ): Promise<VerifiedRecord> {
    const proof = this.proofOf(module, opts.record);
    const canonicalId = proof.param.parse(id);
    const key = stateKey(module, proof.key(canonicalId));
    const slot = await this.askable(opts.node);
    return this.blaming(slot, () => this.proveRecord(slot, module, proof, canonicalId, key));
  }

  private async proveRecord(
    slot: NodeSlot,
    module: string,
    proof: ModuleProof,
    canonicalId: string,
    key: Uint8Array,
  ): Promise<VerifiedRecord> {
    const path = `/v1/proof/${encodeURIComponent(module)}/${encodeURIComponent(canonicalId)}?record=${encodeURIComponent(proof.record)}`;
    const answer = await slot.api.get<Record<string, unknown>>(path);
    if (typeof answer !== "object" || answer === null) throw bad("the proof answer is not an object");
    if (answer.module !== module || answer.record !== proof.record) {
      throw bad(
        `the answer is for ${String(answer.module)}/${String(answer.record)}, not ${module}/${proof.record}`,
      );
    }
    const checked: string[] = [];
    const { block, lines } = await this.checkProof(slot, answer.block, answer.proof, key, answer.key);
    checked.push(...lines);
    const valueBytes = proofValue(answer.proof as StateProof);
    if ((answer.value ?? null) !== (valueBytes === null ? null : toHex(valueBytes))) {
      throw new TelchainError(
        "SDK_VALUE_MISMATCH",
        "the value the node reports is not the value its proof proves",
      );
    }
    let value: unknown = null;
    if (valueBytes !== null) {
      try {
        value = proof.value.toJson(proof.value.deserialize(valueBytes));
      } catch (e) {
        throw new TelchainError(
          "SDK_VALUE_MISMATCH",
          `the proven value does not decode as a ${module}/${proof.record} record: ${(e as Error).message}`,
        );
      }
    }
    if (canonical(answer.decoded ?? null) !== canonical(value)) {
      throw new TelchainError(
        "SDK_VALUE_MISMATCH",
        "the decoded value the node reports is not the proven value",
      );
    }
    checked.push(
      valueBytes === null
        ? "value: absent (exclusion proof: the key is not in its bucket)"
        : `value: ${valueBytes.length} bytes, decoded locally as a ${module}/${proof.record} record (the node's JSON matches)`,
    );
    return {
      ok: true,
      module,
      record: proof.record,
      id: canonicalId,
      value,
      present: valueBytes !== null,
      block,
      node: slot.url,
      checked,
    };
  }

  /** The same for an account (GET /v1/proof/accounts/:address): balance and nonce, proven. */
  async verifyAccount(address: string, opts: { node?: string } = {}): Promise<VerifiedRecord> {
    const key = accountKey(decodeAddress(address));
    const slot = await this.askable(opts.node);
    return this.blaming(slot, () => this.proveAccount(slot, address, key));
  }

  private async proveAccount(slot: NodeSlot, address: string, key: Uint8Array): Promise<VerifiedRecord> {
    const answer = await slot.api.get<Record<string, unknown>>(
      `/v1/proof/accounts/${encodeURIComponent(address)}`,
    );
    if (typeof answer !== "object" || answer === null) throw bad("the proof answer is not an object");
    const proof = answer.proof as StateProof;
    const { block, lines } = await this.checkProof(
      slot,
      { height: answer.height, hash: answer.headHash, stateRoot: answer.stateRoot },
      proof,
      key,
      typeof proof === "object" && proof !== null ? proof.key : undefined,
    );
    const valueBytes = proofValue(proof);
    const acct = valueBytes === null ? null : Account.deserialize(valueBytes);
    const value = acct && { balance: acct.balance.toString(), nonce: acct.nonce };
    const reported = answer.account as { balance?: unknown; nonce?: unknown } | null;
    const same =
      value === null
        ? reported === null || (reported.balance === "0" && reported.nonce === 0)
        : reported !== null && reported.balance === value.balance && reported.nonce === value.nonce;
    if (!same)
      throw new TelchainError("SDK_VALUE_MISMATCH", "the account the node reports is not the proven one");
    return {
      ok: true,
      module: "accounts",
      record: "account",
      id: address,
      value,
      present: valueBytes !== null,
      block,
      node: slot.url,
      checked: [
        ...lines,
        valueBytes === null ? "value: absent (no such account)" : "value: decoded locally (balance, nonce)",
      ],
    };
  }

  // --- internals ---------------------------------------------------------------------------

  /** Runs `check` on `slot`'s answer; a node caught lying is reported (and not asked again). */
  private async blaming<T>(slot: NodeSlot, check: () => Promise<T>): Promise<T> {
    try {
      return await check();
    } catch (e) {
      if (isTelchainError(e) && LIES.has(e.code)) {
        slot.error = e;
        slot.report = { ...slot.report, status: "lying", code: e.code, reason: e.message };
      }
      throw e;
    }
  }

  private headerChain(): HeaderChain {
    if (!this.chain)
      throw new TelchainError("SDK_NODE_BEHIND", "the light client has not synced yet: call sync()");
    return this.chain;
  }

  private proofOf(module: string, record?: string): ModuleProof {
    const all = this.proofs;
    const list = Object.hasOwn(all, module) ? all[module] : undefined;
    if (!list || list.length === 0) {
      throw new TelchainError(
        "SDK_UNKNOWN_MODULE",
        `no module "${module}" with provable records (known: ${Object.keys(all).join(", ")})`,
      );
    }
    const p = proofFor(list, record);
    if (!p) {
      throw new TelchainError(
        "SDK_UNKNOWN_RECORD",
        `module ${module} has no provable record "${record}" (it has: ${list.map((x) => x.record).join(", ")})`,
      );
    }
    return p;
  }

  /** The node to ask: `url` if given (it must be one of the client's), else the first ok one. */
  private async askable(url?: string): Promise<NodeSlot> {
    if (!this.chain) await this.sync();
    if (url !== undefined) {
      const s = this.slots.find((x) => x.url === url.replace(/\/+$/, ""));
      if (!s) throw new TelchainError("SDK_NO_NODE", `${url} is not one of the light client's nodes`);
      return s;
    }
    const s = this.slots.find((x) => x.report.status === "ok");
    if (!s) throw new TelchainError("SDK_NO_NODE", "no node is ok: see nodes()");
    return s;
  }

  /**
   * The checks shared by every proof: the block it names is on the checked best chain (headers
   * are followed further when the node is ahead), its root is that header's state root, the
   * proof is for `key` (derived locally) and its Merkle path climbs to the root.
   */
  private async checkProof(
    slot: NodeSlot,
    rawBlock: unknown,
    rawProof: unknown,
    key: Uint8Array,
    reportedKey: unknown,
  ): Promise<{ block: BlockRef; lines: string[] }> {
    const b = (typeof rawBlock === "object" && rawBlock !== null ? rawBlock : {}) as Record<string, unknown>;
    const height = int(b.height, "block.height");
    const hash = hash32(b.hash, "block.hash");
    const chain = this.headerChain();
    if (height > chain.best.height) {
      await this.follow(slot); // the node mined (or says it mined) since the last sync
      this.rate();
    }
    const header = chain.atHeight(height);
    if (!header || header.hash !== hash) {
      const known = chain.get(hash) !== undefined;
      throw new TelchainError(
        "SDK_UNKNOWN_BLOCK",
        `block ${hash} at height ${height} is ${known ? "on a branch with less work" : "not a block of"} the best chain the client checked (tip ${chain.best.height})`,
      );
    }
    const stateRoot = chain.headerOf(header).stateRoot;
    if (b.stateRoot !== undefined && hash32(b.stateRoot, "block.stateRoot") !== toHex(stateRoot)) {
      throw new TelchainError(
        "SDK_ROOT_MISMATCH",
        `the node names a state root for block ${height} that its header does not have`,
      );
    }
    const p = (typeof rawProof === "object" && rawProof !== null ? rawProof : {}) as Partial<StateProof>;
    const keyHex = toHex(key);
    if (p.key !== keyHex || (reportedKey !== undefined && reportedKey !== keyHex)) {
      throw new TelchainError(
        "SDK_WRONG_KEY",
        `the proof is for key ${String(p.key).slice(0, 80)}, the client derives ${keyHex} from the id`,
      );
    }
    if (
      typeof p.root !== "string" ||
      !equalBytes(fromHexOrUndefined(p.root) ?? new Uint8Array(), stateRoot)
    ) {
      throw new TelchainError(
        "SDK_ROOT_MISMATCH",
        `the proof's root ${String(p.root).slice(0, 64)} is not block ${height}'s state root ${toHex(stateRoot)}`,
      );
    }
    const r = verifyStateProof(p as StateProof, stateRoot);
    if (!r.ok) throw new TelchainError("SDK_PROOF_INVALID", `the Merkle proof does not verify: ${r.reason}`);
    const tip = chain.best.height;
    return {
      block: blockRef(header),
      lines: [
        `headers: ${chain.size} checked (linkage, proof of work, ASERT bits, median time past), best chain work ${chain.best.work}`,
        `block: ${height} (${hash}) is on the best chain, ${tip - height} blocks below its tip ${tip}`,
        `key: ${keyHex} derived locally from the id`,
        `proof: Merkle path from bucket ${p.bucket} (${(p.entries ?? []).length} entries) to block ${height}'s state root ${toHex(stateRoot)}`,
      ],
    };
  }

  /** Reads GET /v1/chain from every node, checks they agree (and with the pinned trust), sets up the chain. */
  private async start(): Promise<void> {
    const infos: (ChainInfo | undefined)[] = [];
    for (const s of this.slots) {
      try {
        infos.push(parseChainInfo(await s.api.get<unknown>("/v1/chain")));
      } catch (e) {
        if (!isTelchainError(e)) throw e;
        s.error = e;
        s.report = {
          url: s.url,
          status: e.code.startsWith("SDK_") ? "lying" : "unreachable",
          code: e.code,
          reason: e.message,
        };
        infos.push(undefined);
      }
    }
    const reference = infos.find((i) => i !== undefined);
    if (!reference) throw this.slots[0].error ?? new TelchainError("SDK_NO_NODE", "no node answered");
    const pinnedGenesis =
      this.trust && "genesisHash" in this.trust ? this.trust.genesisHash.toLowerCase() : undefined;
    for (const [i, info] of infos.entries()) {
      if (!info || canonical(info) === canonical(reference)) continue;
      throw new TelchainError(
        "SDK_CHAIN_MISMATCH",
        `the nodes disagree on the chain: ${this.slots[i].url} serves ${info.chainId} (genesis ${info.genesisHash}), ` +
          `another ${reference.chainId} (genesis ${reference.genesisHash}) or other parameters`,
      );
    }
    if (pinnedGenesis !== undefined && reference.genesisHash !== pinnedGenesis) {
      throw new TelchainError(
        "SDK_CHAIN_MISMATCH",
        `the nodes serve genesis ${reference.genesisHash}, not the pinned ${pinnedGenesis}`,
      );
    }
    this.info = reference;
    const params: HeaderParams = {
      targetBlockTime: reference.params.targetBlockTime,
      halfLife: reference.params.halfLife,
      powLimitBits: hexBits(reference.params.powLimitBits, "powLimitBits"),
      medianTimeSpan: reference.params.medianTimeSpan,
      maxFutureDrift: reference.params.maxFutureDrift,
    };
    const genesisBits = hexBits(reference.genesisBits, "genesisBits");
    const slot = this.slots[infos.indexOf(reference)];
    const trusted =
      this.trust && "checkpoint" in this.trust
        ? await checkpointHeaders(slot.api, this.trust.checkpoint, params.medianTimeSpan)
        : [await genesisHeader(slot.api, pinnedGenesis ?? reference.genesisHash, genesisBits)];
    this.chain = new HeaderChain(params, genesisBits, trusted, this.maxHeaders, this.now);
  }

  /** Fetches and checks `slot`'s headers from where they leave the checked chain up to its tip. */
  private async follow(slot: NodeSlot): Promise<void> {
    const chain = this.headerChain();
    const base = this.baseHeight();
    let from = chain.best.height + 1;
    let back = BATCH;
    for (;;) {
      const res = await headersFrom(slot.api, from);
      if (!Array.isArray(res?.headers) || typeof res.tip !== "object" || res.tip === null) {
        throw bad("GET /v1/headers answered without headers and tip");
      }
      const tipHeight = int(res.tip.height, "tip.height");
      const tipHash = hash32(res.tip.hash, "tip.hash");
      const decoded = res.headers.map((h) => decodeHeaderHex(h));
      if (decoded.length > 0 && decoded[0].header.height !== from) {
        throw bad(`asked headers from ${from}, got one at height ${decoded[0].header.height} first`);
      }
      // Where the node's chain leaves the checked one is unknown: step back until it links.
      const linksUp =
        decoded.length > 0
          ? chain.get(toHex(decoded[0].header.parent)) !== undefined
          : chain.get(tipHash) !== undefined;
      if (!linksUp) {
        if (from <= base + 1) {
          throw new TelchainError(
            "SDK_BAD_HEADER",
            `${slot.url}'s chain does not link to the trusted ${base === 0 ? "genesis" : "checkpoint"}`,
          );
        }
        from = Math.max(base + 1, Math.min(from, tipHeight + 1) - back);
        back *= 2;
        continue;
      }
      let last: CheckedHeader | undefined;
      for (const d of decoded) last = chain.add(d.header, d.hash);
      if (decoded.length < BATCH || last?.hash === tipHash) {
        const tip = chain.get(tipHash);
        if (!tip) throw bad(`${slot.url} claims tip ${tipHash} at height ${tipHeight} but does not serve it`);
        if (tip.height !== tipHeight)
          throw bad(`${slot.url}'s tip is at height ${tip.height}, not ${tipHeight}`);
        if (res.tip.work !== undefined && String(res.tip.work) !== tip.work.toString()) {
          throw bad(`${slot.url} claims tip work ${String(res.tip.work)}, its headers add up to ${tip.work}`);
        }
        slot.tip = tip;
        return;
      }
      from += decoded.length;
    }
  }

  private baseHeight(): number {
    return this.trust && "checkpoint" in this.trust ? this.trust.checkpoint.height : 0;
  }

  /** Rates every node against the best chain. */
  private rate(): void {
    const chain = this.headerChain();
    const best = chain.best;
    for (const s of this.slots) {
      if (s.report.status === "lying") continue;
      const tip = s.tip;
      const tipView = tip && {
        height: tip.height,
        hash: tip.hash,
        work: tip.work.toString(),
      };
      if (s.error) {
        const e = s.error;
        const status: NodeState = e.code.startsWith("SDK_") ? "lying" : "unreachable";
        s.report = { url: s.url, status, code: e.code, reason: e.message, tip: tipView };
      } else if (!tip || !tipView) {
        s.report = { url: s.url, status: "unreachable", code: "SDK_NODE_BEHIND", reason: "not followed yet" };
      } else if (tip.hash === best.hash) {
        s.report = { url: s.url, status: "ok", tip: tipView };
      } else if (chain.onBest(tip.hash)) {
        s.report = {
          url: s.url,
          status: "behind",
          code: "SDK_NODE_BEHIND",
          reason: `at height ${tipView.height}, ${best.height - tipView.height} blocks below the best chain's tip`,
          tip: tipView,
        };
      } else {
        s.report = {
          url: s.url,
          status: "lying",
          code: "SDK_HIDDEN_FORK",
          reason: `its tip ${tip.hash} (height ${tipView.height}, work ${tipView.work}) is on a branch with less work than the best chain (tip ${best.hash} at height ${best.height}, work ${best.work}) another node serves`,
          tip: tipView,
        };
        s.error = new TelchainError("SDK_HIDDEN_FORK", s.report.reason ?? "");
      }
    }
  }
}

type HeadersAnswer = { headers?: unknown; tip?: Record<string, unknown> };

/**
 * GET /v1/headers from `from`; a node whose tip is below `from - 1` refuses with BAD_RANGE, and
 * then answers no headers and its tip (read with one header from genesis).
 */
async function headersFrom(api: ApiClient, from: number): Promise<HeadersAnswer> {
  try {
    return await api.get<HeadersAnswer>(`/v1/headers?from=${from}&count=${BATCH}`);
  } catch (e) {
    if (!(e instanceof ApiError && e.code === "BAD_RANGE" && from > 0)) throw e;
    const res = await api.get<HeadersAnswer>("/v1/headers?from=0&count=1");
    return { headers: [], tip: res?.tip };
  }
}

/** The full state key of a module record: "m/<module>/" + the module's own key. */
export function stateKey(module: string, recordKey: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`m/${module}/`);
  const out = new Uint8Array(prefix.length + recordKey.length);
  out.set(prefix);
  out.set(recordKey, prefix.length);
  return out;
}

function blockRef(c: CheckedHeader): BlockRef {
  return { height: c.height, hash: c.hash, stateRoot: c.stateRoot };
}

/** The proof's value bytes (checked by verifyStateProof before this is trusted). */
function proofValue(p: StateProof): Uint8Array | null {
  return p.value === null ? null : (fromHexOrUndefined(p.value) ?? null);
}
