/** Codes of keys, wallets, mnemonics, addresses, signatures, encrypted memos and view keys. */
import { defineErrors } from "../errors.js";

export const CRYPTO_ERRORS = defineErrors("crypto", {
  ADDRESS_INVALID: {
    class: "invalid",
    description: "Not a valid `tel1…` bech32m address (the message says why).",
  },
  MNEMONIC_INVALID: {
    class: "invalid",
    description: "Not a valid BIP39 English mnemonic (unknown word or bad checksum).",
  },
  DERIVATION_PATH_INVALID: {
    class: "invalid",
    description: "A key derivation path that is not of the form m/44'/…' with hardened indices below 2^31.",
  },
  KEYSTORE_BAD_NAME: {
    class: "invalid",
    description:
      "A wallet name that is not 1-64 characters of A-Z a-z 0-9 _ . -, or is reserved for dev accounts.",
  },
  KEYSTORE_BAD_INPUT: {
    class: "invalid",
    description: "Wallet creation input is wrong (both mnemonic and seed, a seed of the wrong size, …).",
  },
  KEYSTORE_EXISTS: { class: "conflict", description: "A wallet of that name already exists." },
  KEYSTORE_NOT_FOUND: {
    class: "not-found",
    description: "No wallet of that name in the keystore directory.",
  },
  KEYSTORE_BAD_PASSPHRASE: {
    class: "unauthorized",
    description: "The passphrase does not open this wallet (or its file was modified).",
  },
  KEYSTORE_CORRUPT: { class: "internal", description: "A wallet file is not a valid keystore file." },
  MEMO_TOO_LARGE: {
    class: "too-large",
    description: "A memo is at most 512 bytes of text (528 bytes encrypted): shorten it.",
  },
  MEMO_MALFORMED: {
    class: "invalid",
    description:
      "A transfer's encrypted memo is not a memo envelope (24-byte nonce, two 80-byte sealed keys, a ciphertext of 16 to 528 bytes).",
  },
  MEMO_NO_KEY: {
    class: "not-found",
    description:
      "The recipient has published no memo key, so a memo cannot be encrypted to them: they publish one with `telchain key memo --from THEIR_WALLET` (or send without --memo).",
  },
  VIEW_KEY_INVALID: {
    class: "invalid",
    description:
      "Not a view key: a view key is a `telview1…` bech32m string of an address and a memo secret.",
  },
  VIEW_KEY_MISMATCH: {
    class: "invalid",
    description: "The view key (or wallet) reads the memos of another account than the address asked for.",
  },
});
