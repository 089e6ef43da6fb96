/**
 * Codes of the SDK's light client: a check of what a node answered failed (the node lied, is
 * behind, or serves another chain), or the caller asked for something the client cannot prove.
 */
import { defineErrors } from "../errors.js";

export const SDK_ERRORS = defineErrors("sdk", {
  SDK_BAD_TRUST: {
    class: "invalid",
    description: "The trust anchor given to the light client (genesis hash or checkpoint) is malformed.",
  },
  SDK_CHAIN_MISMATCH: {
    class: "upstream",
    description:
      "A node's chain (id, genesis hash, genesis bits or consensus parameters) differs from the pinned trust or from another node's.",
  },
  SDK_BAD_RESPONSE: {
    class: "upstream",
    description:
      "A node's answer is not in the expected shape, or contradicts itself (a tip it did not serve, a block it does not name).",
  },
  SDK_BAD_HEADER: {
    class: "upstream",
    description:
      "A node served a header that fails a check: encoding, linkage, height, proof of work, ASERT bits, median time past or future drift.",
  },
  SDK_HIDDEN_FORK: {
    class: "upstream",
    description:
      "A node's tip is on a branch with less work than the best chain another node serves: it hides (or does not know) the heavier chain.",
  },
  SDK_TOO_MANY_HEADERS: {
    class: "too-large",
    description: "Following the nodes would keep more headers than the light client's cap (maxHeaders).",
  },
  SDK_NO_NODE: { class: "invalid", description: "The light client was given no node URL." },
  SDK_NODE_BEHIND: {
    class: "upstream",
    description: "The node's answer names a block the client cannot reach on the best chain it checked.",
  },
  SDK_UNKNOWN_BLOCK: {
    class: "upstream",
    description: "The block a proof is against is not on the best chain the light client checked.",
  },
  SDK_ROOT_MISMATCH: {
    class: "upstream",
    description:
      "The proof's state root is not the state root of the block it names, as the checked header has it.",
  },
  SDK_PROOF_INVALID: {
    class: "upstream",
    description:
      "The Merkle proof does not verify: its path does not climb from the key's bucket to the root.",
  },
  SDK_WRONG_KEY: {
    class: "upstream",
    description:
      "The proof is for another state key than the one the client derives from the id it asked about.",
  },
  SDK_VALUE_MISMATCH: {
    class: "upstream",
    description: "The value (or decoded value) the node reports is not the value its proof proves.",
  },
  SDK_UNKNOWN_MODULE: {
    class: "not-found",
    description: "No module of this name has provable records (the SDK's moduleProofs()).",
  },
  SDK_UNKNOWN_RECORD: { class: "not-found", description: "The module has no provable record of this name." },
});
