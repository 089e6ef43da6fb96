/**
 * TypeBox schemas of the API's requests and responses. They validate requests, shape
 * (and document) responses in the OpenAPI document, type the handlers and the client,
 * and are the single source of the node's view types (src/node/types.ts derives them
 * with `Static<...>`).
 */
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { PeerViewSchema, SYNC_PHASES } from "../p2p/types.js";
import type { StateProof } from "../sdk/state-proof.js";
import { ErrorResponse } from "./error-body.js";

/** Longest hash or block id in a path: 64 hex digits. */
const HASH_HEX_LENGTH = 64;
/** Longest address accepted in a path (tel1… addresses are far shorter; this bounds garbage). */
export const MAX_ADDRESS_LENGTH = 128;

const Hash = Type.String({
  pattern: "^[0-9a-fA-F]{64}$",
  maxLength: HASH_HEX_LENGTH,
  description: "32-byte hash, 64 hex digits",
});
const Amount = Type.String({ pattern: "^[0-9]+$", description: "amount in base units (decimal)" });
const Height = Type.Integer({ minimum: 0 });

/** Error responses every route may produce. */
export const ErrorResponses = { "4xx": ErrorResponse, "5xx": ErrorResponse } as const;

/** A schema's value, or null. */
export const OrNull = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** One of the given strings. */
export const OneOf = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

/** A binary object (transaction, block) as hex; decoded strictly by the handler. */
export const HexBytes = Type.String({ minLength: 2, description: "SSZ encoding as hex" });

export const NodeStatusSchema = Type.Object(
  {
    chainId: Type.String(),
    genesisHash: Hash,
    height: Height,
    headHash: Hash,
    difficulty: Type.Number({
      description: "current difficulty relative to the genesis pow limit (target_limit / target)",
    }),
    bits: Type.String({ description: "target of the head block (compact, hex)" }),
    nextBits: Type.String({ description: "target of the next block (compact, hex)" }),
    peers: Type.Integer({ minimum: 0 }),
    syncing: Type.Boolean({
      description: "true while the node imports the blocks of a heavier chain (its miner waits meanwhile)",
    }),
    syncPhase: Type.Union(OneOf(SYNC_PHASES).anyOf, {
      description:
        "idle; pending: a peer claims more work and its headers are being fetched to prove it (mining goes on); importing: headers proved a heavier chain, its blocks are imported (syncing is true)",
    }),
    targetHeight: Type.Integer({
      minimum: 0,
      description: "height the node is syncing towards (equals height when not syncing)",
    }),
    peerId: Type.Union([Type.String(), Type.Null()], {
      description: "libp2p peer id, or null when the node runs without networking",
    }),
    listen: Type.Array(Type.String(), {
      description: "full multiaddrs (with /p2p/<peerId>) that other nodes can pass to --peer",
    }),
    mining: Type.Boolean(),
    hashRate: Type.Number({ description: "hashes per second of the local miner" }),
    mempool: Type.Object({ size: Type.Integer(), bytes: Type.Integer() }),
    minFeePerByte: Amount,
    version: Type.String({ description: "the node's software version (package.json)" }),
  },
  { additionalProperties: true },
);
export type NodeStatus = Static<typeof NodeStatusSchema>;

export const PeersViewSchema = Type.Object({ peers: Type.Array(PeerViewSchema) });
export type PeersView = Static<typeof PeersViewSchema>;

export const BlockIdParams = Type.Object({
  id: Type.String({
    pattern: "^([0-9]{1,15}|[0-9a-fA-F]{64})$",
    maxLength: HASH_HEX_LENGTH,
    description: "block height (decimal) or block hash (64 hex digits)",
  }),
});

export const BlockViewSchema = Type.Object(
  {
    hash: Hash,
    height: Height,
    parent: Hash,
    timestamp: Type.Integer({ description: "unix seconds" }),
    txRoot: Hash,
    stateRoot: Hash,
    bits: Type.String(),
    miner: Type.String(),
    nonce: Type.String(),
    size: Type.Integer({ description: "encoded size in bytes" }),
    reward: Amount,
    fees: Amount,
    main: Type.Boolean({ description: "whether the block is on the main chain" }),
    txs: Type.Array(Hash),
  },
  { additionalProperties: true },
);
export type BlockView = Static<typeof BlockViewSchema>;

export const SubmitBlockBody = Type.Object({ block: HexBytes }, { additionalProperties: false });
export const SubmitBlockResult = Type.Object({
  hash: Hash,
  status: Type.Union([Type.Literal("head"), Type.Literal("side"), Type.Literal("known")]),
});
export type SubmitBlockResult = Static<typeof SubmitBlockResult>;

export const TxHashParams = Type.Object({ hash: Hash });

/** What every view of a transaction shows of it, besides its hash and where it is. */
const TxFields = {
  sender: Type.String(),
  nonce: Type.Integer({ minimum: 0 }),
  fee: Amount,
  expiry: Type.Integer({ minimum: 0, description: "last height it may be included at; 0 = never expires" }),
  module: Type.String(),
  kind: Type.String(),
  payload: Type.Unknown({ description: "the payload as JSON, as the module renders it" }),
  size: Type.Integer(),
};

export const TxViewSchema = Type.Object(
  {
    hash: Hash,
    status: Type.Union([Type.Literal("pending"), Type.Literal("included")]),
    height: Type.Optional(Height),
    blockHash: Type.Optional(Hash),
    index: Type.Optional(Type.Integer({ minimum: 0 })),
    ...TxFields,
  },
  { additionalProperties: true },
);
export type TxView = Static<typeof TxViewSchema>;

export const SubmitTxBody = Type.Object({ tx: HexBytes }, { additionalProperties: false });
export const SubmitTxResult = Type.Object({ hash: Hash });
export type SubmitTxResult = Static<typeof SubmitTxResult>;

export const MempoolQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export const MempoolViewSchema = Type.Object({
  size: Type.Integer(),
  bytes: Type.Integer(),
  txs: Type.Array(Hash),
});
export type MempoolView = Static<typeof MempoolViewSchema>;

export const AddressParams = Type.Object({
  address: Type.String({ minLength: 1, maxLength: MAX_ADDRESS_LENGTH, description: "a tel1… address" }),
});

/** A main-chain transaction in an address's history (GET /v1/accounts/:address/txs). */
export const AccountTxViewSchema = Type.Object(
  {
    hash: Hash,
    height: Height,
    index: Type.Integer({ minimum: 0, description: "position in its block" }),
    blockHash: Hash,
    timestamp: Type.Integer({ description: "the block's time, unix seconds" }),
    role: Type.Union([Type.Literal("sent"), Type.Literal("received"), Type.Literal("self")], {
      description:
        "sent: the address signed it; received: the kind names it as a party (a transfer's recipient); self: both",
    }),
    ...TxFields,
  },
  { additionalProperties: true },
);
export type AccountTxView = Static<typeof AccountTxViewSchema>;

export const AccountViewSchema = Type.Object({
  address: Type.String(),
  balance: Amount,
  nonce: Type.Integer({ minimum: 0 }),
  pendingNonce: Type.Integer({
    minimum: 0,
    description: "nonce to use for the next transaction, counting this account's pending ones",
  }),
  authorisingKey: Type.String({
    description:
      "the key whose signatures the chain accepts for this address, as an address (tel1...): the address itself until the account rotates its key",
  }),
  rotated: Type.Boolean({ description: "the authorising key is not the address's own key" }),
  lockedUntil: Type.Integer({
    minimum: 0,
    description:
      "the account is locked (guardian recovery) at heights below this one: nothing leaves it and it sends only recovery transactions; 0 when never locked",
  }),
  locked: Type.Boolean({ description: "locked for the next block (head height + 1 < lockedUntil)" }),
  memoKey: Type.Union([Type.String({ pattern: "^[0-9a-f]{64}$" }), Type.Null()], {
    description: "the X25519 public key (hex) senders encrypt memos to, or null when none was published",
  }),
});
export type AccountView = Static<typeof AccountViewSchema>;

/** A StateProof (src/state/proof.ts) as the API shows it; verify it with verifyStateProof. */
const StateProofSchema = Type.Unsafe<StateProof>({
  description:
    "Merkle proof of the key against `root` (the block's stateRoot): the key's bucket (every entry's " +
    "key and value hash) and the 16 sibling hashes up to the root (src/state/proof.ts, docs/architecture.md#proofs)",
});

export const AccountProofViewSchema = Type.Object({
  address: Type.String(),
  height: Height,
  headHash: Hash,
  stateRoot: Hash,
  account: Type.Union([AccountViewSchema, Type.Null()], {
    description: "the account, or null when it does not exist",
  }),
  proof: Type.Unsafe<StateProof>({
    description: "Merkle proof of the account record against stateRoot (see src/state/proof.ts)",
  }),
});
export type AccountProofView = Static<typeof AccountProofViewSchema>;

/** Byte strings in proofs: lowercase hex. */
const LowerHex = (description: string) => Type.String({ pattern: "^([0-9a-f]{2})*$", description });

/** GET /v1/proof/:module/:key — a module record (or its absence) with its Merkle proof. */
export const ModuleProofViewSchema = Type.Object({
  module: Type.String(),
  record: Type.String({
    description: "the record's name (the module's first proof when ?record= was not given)",
  }),
  id: Type.String({ description: "the canonical id the key parameter names (e.g. a number's digits)" }),
  key: LowerHex("the full state key: 'm/<module>/' followed by the record's key"),
  value: Type.Union([LowerHex("the stored value (SSZ)"), Type.Null()], {
    description:
      "the stored value, or null when the record does not exist (the proof then proves its absence)",
  }),
  decoded: Type.Unknown({ description: "the value decoded (its SSZ JSON), or null when absent" }),
  block: Type.Object(
    { height: Height, hash: Hash, stateRoot: Hash },
    { description: "the block whose state the proof is against (the head when answered)" },
  ),
  proof: StateProofSchema,
});
export type ModuleProofView = Static<typeof ModuleProofViewSchema>;

export const ModuleProofParams = Type.Object({
  module: Type.String({ maxLength: 32, description: "module name, e.g. devices" }),
  key: Type.String({
    minLength: 1,
    maxLength: 256,
    description:
      "the record's id in the module's own terms: a number (+1555… as %2B1555…, or its digits), an IMEI, a carrier id, a composite id such as CLASS/ADDRESS (the / may be sent as %2F)",
  }),
});
export const ModuleProofQuery = Type.Object({
  record: Type.Optional(
    Type.String({ maxLength: 32, description: "which of the module's records (default: its first)" }),
  ),
});

/** Most headers one GET /v1/headers answers. */
export const MAX_HEADERS = 2000;
export const DEFAULT_HEADERS = 500;

export const HeadersQuery = Type.Object({
  from: Type.Optional(
    Type.Integer({ description: "first height (default 0); at most the tip's height + 1" }),
  ),
  count: Type.Optional(
    Type.Integer({ description: `how many headers, 1 to ${MAX_HEADERS} (default ${DEFAULT_HEADERS})` }),
  ),
});

export const HeadersViewSchema = Type.Object({
  headers: Type.Array(LowerHex("Header.serialize(header) (SSZ)"), {
    description: "main-chain headers from `from` upward, in height order (fewer at the tip; none past it)",
  }),
  tip: Type.Object({
    height: Height,
    hash: Hash,
    work: Type.String({
      pattern: "^[0-9]+$",
      description: "cumulative work of the chain up to the tip (decimal)",
    }),
  }),
});
export type HeadersView = Static<typeof HeadersViewSchema>;

const CompactBits = Type.String({
  pattern: "^0x[0-9a-f]{1,8}$",
  description: "a target in compact form (hex)",
});

/** GET /v1/chain — what a light client needs to check headers from genesis. */
export const ChainInfoSchema = Type.Object({
  chainId: Type.String(),
  genesisHash: Hash,
  genesisBits: CompactBits,
  params: Type.Object({
    targetBlockTime: Type.Integer({ description: "seconds between blocks (ASERT's spacing)" }),
    halfLife: Type.Integer({ description: "ASERT half-life, seconds" }),
    powLimitBits: CompactBits,
    medianTimeSpan: Type.Integer({ description: "blocks whose median time a block's time must exceed" }),
    maxFutureDrift: Type.Integer({ description: "seconds a block's time may be ahead of the clock" }),
  }),
});
export type ChainInfo = Static<typeof ChainInfoSchema>;
