/**
 * TypeBox schemas of the API's requests and responses. They validate requests, shape
 * (and document) responses in the OpenAPI document, and type the handlers.
 * They mirror the view types of src/node/types.ts.
 */
import { Type } from "@sinclair/typebox";
import { ErrorResponse } from "./errors.js";

const Hash = Type.String({ pattern: "^[0-9a-fA-F]{64}$", description: "32-byte hash, 64 hex digits" });
const Amount = Type.String({ pattern: "^[0-9]+$", description: "amount in base units (decimal)" });
const Height = Type.Integer({ minimum: 0 });

/** Error responses every route may produce. */
export const ErrorResponses = { "4xx": ErrorResponse, "5xx": ErrorResponse } as const;

/** A binary object (transaction, block) as hex; decoded strictly by the handler. */
export const HexBytes = Type.String({ minLength: 2, description: "SSZ encoding as hex" });

export const NodeStatusSchema = Type.Object(
  {
    chainId: Type.String(),
    genesisHash: Hash,
    height: Height,
    headHash: Hash,
    difficulty: Type.Number(),
    bits: Type.String(),
    nextBits: Type.String(),
    peers: Type.Integer({ minimum: 0 }),
    syncing: Type.Boolean(),
    /** Height the node is syncing towards (equals height when not syncing). */
    targetHeight: Type.Integer({ minimum: 0 }),
    /** libp2p peer id, or null when the node runs without networking. */
    peerId: Type.Union([Type.String(), Type.Null()]),
    /** Full multiaddrs (with /p2p/<peerId>) that other nodes can pass to --peer. */
    listen: Type.Array(Type.String()),
    mining: Type.Boolean(),
    hashRate: Type.Number(),
    mempool: Type.Object({ size: Type.Integer(), bytes: Type.Integer() }),
    minFeePerByte: Amount,
  },
  { additionalProperties: true },
);

export const PeerViewSchema = Type.Object({
  peerId: Type.String(),
  address: Type.String(),
  score: Type.Number(),
  height: Type.Union([Type.Integer(), Type.Null()]),
  direction: Type.Union([Type.Literal("inbound"), Type.Literal("outbound")]),
});

export const PeersViewSchema = Type.Object({ peers: Type.Array(PeerViewSchema) });

export const BlockIdParams = Type.Object({
  id: Type.String({
    pattern: "^([0-9]{1,15}|[0-9a-fA-F]{64})$",
    description: "block height (decimal) or block hash (64 hex digits)",
  }),
});

export const BlockViewSchema = Type.Object(
  {
    hash: Hash,
    height: Height,
    parent: Hash,
    timestamp: Type.Integer(),
    txRoot: Hash,
    stateRoot: Hash,
    bits: Type.String(),
    miner: Type.String(),
    nonce: Type.String(),
    size: Type.Integer(),
    reward: Amount,
    fees: Amount,
    main: Type.Boolean(),
    txs: Type.Array(Hash),
  },
  { additionalProperties: true },
);

export const SubmitBlockBody = Type.Object({ block: HexBytes }, { additionalProperties: false });
export const SubmitBlockResult = Type.Object({
  hash: Hash,
  status: Type.Union([Type.Literal("head"), Type.Literal("side"), Type.Literal("known")]),
});

export const TxHashParams = Type.Object({ hash: Hash });

export const TxViewSchema = Type.Object(
  {
    hash: Hash,
    status: Type.Union([Type.Literal("pending"), Type.Literal("included")]),
    height: Type.Optional(Height),
    blockHash: Type.Optional(Hash),
    index: Type.Optional(Type.Integer({ minimum: 0 })),
    sender: Type.String(),
    nonce: Type.Integer({ minimum: 0 }),
    fee: Amount,
    expiry: Type.Integer({ minimum: 0 }),
    module: Type.String(),
    kind: Type.String(),
    payload: Type.Unknown({ description: "the payload as JSON, as the module renders it" }),
    size: Type.Integer(),
  },
  { additionalProperties: true },
);

export const SubmitTxBody = Type.Object({ tx: HexBytes }, { additionalProperties: false });
export const SubmitTxResult = Type.Object({ hash: Hash });

export const MempoolQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});
export const MempoolViewSchema = Type.Object({
  size: Type.Integer(),
  bytes: Type.Integer(),
  txs: Type.Array(Hash),
});

export const AddressParams = Type.Object({
  address: Type.String({ minLength: 1, maxLength: 128, description: "a tel1… address" }),
});

export const AccountViewSchema = Type.Object({
  address: Type.String(),
  balance: Amount,
  nonce: Type.Integer({ minimum: 0 }),
  pendingNonce: Type.Integer({ minimum: 0 }),
});

export const AccountProofViewSchema = Type.Object({
  address: Type.String(),
  height: Height,
  headHash: Hash,
  stateRoot: Hash,
  account: Type.Union([AccountViewSchema, Type.Null()]),
  proof: Type.Unknown({ description: "Merkle proof of the account record against stateRoot" }),
});
