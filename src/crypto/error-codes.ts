/** Codes of keys, wallets and signatures. */
import { defineErrors } from "../errors.js";

export const CRYPTO_ERRORS = defineErrors("crypto", {
  KEYSTORE_BAD_PASSPHRASE: {
    class: "unauthorized",
    description: "The passphrase does not open this wallet (or its file was modified).",
  },
  KEYSTORE_NOT_FOUND: {
    class: "not-found",
    description: "No wallet of that name in the keystore directory.",
  },
});
