/** Codes of the module registry: which module and kind a transaction names. */
import { defineErrors } from "../errors.js";

export const MODULE_ERRORS = defineErrors("module", {
  TX_UNKNOWN_MODULE: {
    class: "invalid",
    description: "The transaction names a module this chain does not run.",
  },
  TX_UNKNOWN_KIND: { class: "invalid", description: "The module has no transaction kind of that name." },
});
