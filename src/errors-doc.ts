/**
 * docs/errors.md, generated from the error catalogues: the core's (src/core-errors.ts)
 * and each module's (Module.errors). `npm run docs:errors` writes it; src/errors.test.ts
 * fails when the file and the catalogues differ.
 */
import { STATUS_OF_CLASS } from "./api/errors.js";
import { CORE_ERROR_CATALOGUES } from "./core-errors.js";
import type { ErrorCatalogue, ErrorClass } from "./errors.js";
import type { Module } from "./module/interface.js";
import { allModules } from "./modules/index.js";

/** The catalogues docs/errors.md lists: the core's, then each module's that has one. */
export function documentedCatalogues(modules: readonly Module[] = allModules()): {
  core: ErrorCatalogue[];
  modules: ErrorCatalogue[];
} {
  return {
    core: CORE_ERROR_CATALOGUES,
    modules: modules.flatMap((m) => (m.errors ? [m.errors] : [])),
  };
}

/** What each class means, in the order of its HTTP status. */
const CLASS_MEANING: Record<ErrorClass, string> = {
  invalid: "the request or transaction is wrong: fix it before sending it again",
  unauthorized: "a secret (passphrase, verification code) did not match",
  forbidden: "the signer may not do this",
  "not-found": "no such thing",
  conflict: "refused by the current state: taken, pending, already done",
  gone: "it existed but has expired",
  "request-timeout": "the request did not arrive in time",
  "too-large": "over a size limit",
  "uri-too-long": "a path segment is over the router's length limit",
  "unsupported-media-type": "the body is not in a format the API reads",
  "headers-too-large": "the request's headers are over the server's limit",
  "rate-limited": "over a rate limit: retry later",
  internal: "a fault of the node or its data, not of the request",
  upstream: "a service this one relies on (a peer, the node's API, a delivery channel) failed",
  unavailable: "the node cannot serve this now",
};

/** A table cell: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function section(title: string, c: ErrorCatalogue): string[] {
  const lines = [
    `### ${title}`,
    "",
    "| code | HTTP status | class | description |",
    "| --- | --- | --- | --- |",
  ];
  for (const code of Object.keys(c.codes).sort()) {
    const spec = c.codes[code];
    lines.push(
      `| \`${code}\` | ${STATUS_OF_CLASS[spec.class]} | ${spec.class} | ${cell(spec.description)} |`,
    );
  }
  lines.push("");
  return lines;
}

/** The text of docs/errors.md. */
export function renderErrorsDoc(catalogues = documentedCatalogues()): string {
  const classes = (Object.keys(STATUS_OF_CLASS) as ErrorClass[]).sort(
    (a, b) => STATUS_OF_CLASS[a] - STATUS_OF_CLASS[b],
  );
  const lines = [
    "# Error codes",
    "",
    "<!-- Generated from the error catalogues by `npm run docs:errors`; do not edit by hand. -->",
    "",
    "Every refusal in telchain carries a stable **code**. The HTTP API answers every 4xx and 5xx",
    "with one shape:",
    "",
    "```json",
    '{ "error": { "code": "ADDRESS_INVALID", "message": "invalid address \\"tel1abc\\": …" } }',
    "```",
    "",
    "- `code` is stable: programs switch on it, and a code keeps its meaning across releases",
    "  (new codes may be added; a code is never reused for something else).",
    "- `message` says what is wrong for a human; its wording may change.",
    "- The command line prints the same code: `error [CODE]: message`, or the JSON shape above",
    "  with `--json`.",
    "",
    "Each code is declared once, with a class and a description, in the catalogue of the package",
    "or module that raises it (`defineErrors` in its `error-codes.ts` or `errors.ts`). The **class**,",
    "not the code that throws, decides the HTTP status:",
    "",
    "| class | HTTP status | meaning |",
    "| --- | --- | --- |",
    ...classes.map((k) => `| ${k} | ${STATUS_OF_CLASS[k]} | ${CLASS_MEANING[k]} |`),
    "",
    "Errors of the HTTP framework itself (a path that is not valid percent-encoding, a path",
    "segment over 100 characters, a body that is not JSON or is over the limit, malformed JSON,",
    "a schema violation, an unknown route or method) answer the same shape with the `api` codes",
    "below. A failure that is no declared refusal is `500 INTERNAL`: its details go to the",
    "node's log, never to the client. A client that gets an answer without this shape (e.g.",
    "from a proxy) reports it as `HTTP_<status>`.",
    "",
    "Codes that only the command line or a node's start-up raise never reach the HTTP API;",
    "their class still says what kind of failure they are.",
    "",
    "## Core",
    "",
  ];
  for (const c of catalogues.core) lines.push(...section(`\`${c.scope}\``, c));
  lines.push("## Modules", "");
  if (catalogues.modules.length === 0) lines.push("No module declares a catalogue yet.", "");
  for (const c of catalogues.modules) lines.push(...section(`\`${c.scope}\``, c));
  return `${lines.join("\n").trimEnd()}\n`;
}
