/** Codes of the chain: block and transaction validity, genesis, difficulty, storage consistency. */
import { defineErrors } from "../errors.js";

export const CHAIN_ERRORS = defineErrors("chain", {
  STORE_CORRUPT: {
    class: "internal",
    description: "The data directory is inconsistent (a record the head needs is missing or does not match).",
  },
  GENESIS_INVALID: {
    class: "invalid",
    description: "The genesis file or config is unreadable or breaks a rule (the message names the field).",
  },
  GENESIS_MISMATCH: {
    class: "conflict",
    description: "The data directory holds a chain with another genesis; use another --datadir.",
  },
  TX_KEY_ROTATED: {
    class: "forbidden",
    description:
      "The transaction is not signed by its sender's authorising key: the account rotated its key, and a rotated-away key no longer signs for it (also not for transactions already in the mempool).",
  },
  BLOCK_BAD_VERSION: {
    class: "invalid",
    description: "The block header's version is not the one this node knows.",
  },
  BLOCK_OVERSIZE: { class: "invalid", description: "The block is over the maximum block size." },
  BLOCK_TOO_MANY_TXS: { class: "invalid", description: "The block holds more transactions than allowed." },
  BLOCK_BAD_POW: { class: "invalid", description: "The block hash does not meet the target of its bits." },
  BLOCK_DUPLICATE_TX: { class: "invalid", description: "The same transaction appears twice in the block." },
  BLOCK_BAD_TX_ROOT: {
    class: "invalid",
    description: "The header's tx root does not match the block's transactions.",
  },
  BLOCK_KNOWN_INVALID: { class: "invalid", description: "This block was already found invalid." },
  BLOCK_UNKNOWN_PARENT: {
    class: "invalid",
    description: "The block's parent is not known to this node (it may arrive later through sync).",
  },
  BLOCK_INVALID_PARENT: { class: "invalid", description: "The block's parent was found invalid." },
  BLOCK_SIDE_CHAIN_TOO_WEAK: {
    class: "conflict",
    description:
      "The block does not beat the head and its branch lags more than 6 main-chain blocks of work behind it: not stored.",
  },
  BLOCK_FORK_TOO_DEEP: {
    class: "conflict",
    description:
      "The block does not beat the head and its branch forks from the main chain more than 100 blocks below the head: not stored.",
  },
  BLOCK_BAD_HEIGHT: {
    class: "invalid",
    description: "The block height is not its parent's height plus one.",
  },
  BLOCK_BAD_DIFFICULTY: {
    class: "invalid",
    description: "The block's bits are not the difficulty the chain expects at this height (ASERT).",
  },
  BLOCK_TIME_TOO_OLD: {
    class: "invalid",
    description: "The block timestamp is not after the median time of the previous blocks.",
  },
  BLOCK_TIME_TOO_NEW: {
    class: "invalid",
    description: "The block timestamp is too far ahead of this node's clock; it may be accepted later.",
  },
  BLOCK_BAD_SIGNATURE: {
    class: "invalid",
    description: "A transaction in the block has an invalid signature.",
  },
  BLOCK_BAD_STATE_ROOT: {
    class: "invalid",
    description: "The header's state root does not match the state after executing the block.",
  },
  TX_FEE_TOO_LOW: {
    class: "invalid",
    description: "The fee is below the minimum fee per byte times the size.",
  },
  TX_EXPIRED: { class: "invalid", description: "The transaction's expiry height has passed." },
  TX_BAD_NONCE: { class: "invalid", description: "The nonce is not the sender's next nonce." },
  TX_INSUFFICIENT_FUNDS: { class: "invalid", description: "The sender's balance cannot pay the fee." },
  POW_BAD_BITS: { class: "invalid", description: "Compact difficulty bits that encode no valid target." },
  POW_BAD_TARGET: { class: "invalid", description: "A proof-of-work target outside [1, 2^256)." },
  POW_BAD_HASH: {
    class: "internal",
    description: "A block hash that is not 32 bytes was checked against a target.",
  },
  MERKLE_BAD_LEAF: { class: "internal", description: "A Merkle tree leaf is not a 32-byte hash." },
  MERKLE_BAD_INDEX: {
    class: "internal",
    description: "A Merkle proof was asked for a leaf outside the tree.",
  },
  ASERT_BAD_PARAMS: { class: "invalid", description: "The ASERT spacing and half-life must be positive." },
  ASERT_BAD_ANCHOR: { class: "invalid", description: "The ASERT anchor target must be in [1, powLimit]." },
  ASERT_BAD_HEIGHT: {
    class: "internal",
    description: "A difficulty was asked for a height below the ASERT anchor.",
  },
});
