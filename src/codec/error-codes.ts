/** Codes of the strict SSZ decoding of blocks, transactions and their fields. */
import { defineErrors } from "../errors.js";

export const CODEC_ERRORS = defineErrors("codec", {
  CODEC_MALFORMED: { class: "invalid", description: "The bytes do not decode as the expected SSZ type." },
  CODEC_NON_CANONICAL: {
    class: "invalid",
    description: "The bytes decode but are not the canonical encoding of the value.",
  },
  CODEC_OVERSIZE: { class: "invalid", description: "The encoding is over the size limit of its type." },
  CODEC_BAD_TEXT: {
    class: "invalid",
    description:
      "A text field is not valid UTF-8 or breaks its length or pattern rule (when its type names no code).",
  },
});
