/** Codes the HTTP API itself answers with (routes, the framework, rate limits). */
import { defineErrors } from "../errors.js";

export const API_ERRORS = defineErrors("api", {
  BAD_REQUEST: {
    class: "invalid",
    description:
      "The request does not match the route's schema (path, query or body), or its JSON body is malformed or empty.",
  },
  BAD_CURSOR: {
    class: "invalid",
    description:
      "A list route's `cursor` is not one it gave: it must be the `next` of an earlier page of the same list (lowercase hex).",
  },
  BAD_URL: {
    class: "invalid",
    description: "A path segment is not valid percent-encoding (e.g. a lone `%`).",
  },
  URL_TOO_LONG: {
    class: "uri-too-long",
    description: "A path segment is longer than the router accepts (16 KiB).",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    class: "unsupported-media-type",
    description: "The request body is not `application/json`.",
  },
  PAYLOAD_TOO_LARGE: {
    class: "too-large",
    description: "The request body is over the API's body limit (10 MiB).",
  },
  BAD_RANGE: {
    class: "invalid",
    description:
      "GET /v1/headers: `from` is negative or past the tip's height + 1, or `count` is not from 1 to 2000; the message gives the tip.",
  },
  PROOF_UNKNOWN_MODULE: {
    class: "not-found",
    description:
      "GET /v1/proof/:module/:key: no module of that name runs on this node, or it declares no provable records.",
  },
  PROOF_UNKNOWN_RECORD: {
    class: "not-found",
    description:
      "GET /v1/proof/:module/:key?record=: the module declares no provable record of that name; the message lists those it has.",
  },
  NOT_FOUND: {
    class: "not-found",
    description:
      "No such route (or method on it), or the block, transaction or entry asked for does not exist.",
  },
  EXPLORER_NOT_BUILT: {
    class: "unavailable",
    description:
      "The web explorer's files (dist/explorer) are missing from this copy: run `npm run build`. The API under /v1 works without them.",
  },
  API_ROUTE_UNDOCUMENTED: {
    class: "internal",
    description:
      "A route lacks its operationId, summary, description or a path parameter's maxLength; the API refuses to start.",
  },
  REQUEST_TIMEOUT: {
    class: "request-timeout",
    description: "The client did not send a whole request in time; the connection is closed.",
  },
  HEADERS_TOO_LARGE: {
    class: "headers-too-large",
    description: "The request's headers are over Node's limit (16 KiB); the connection is closed.",
  },
  NODE_STOPPING: {
    class: "unavailable",
    description: "The node is shutting down and takes no new requests; retry against another node.",
  },
  NODE_NOT_READY: {
    class: "unavailable",
    description:
      "GET /v1/health: the node is not ready to serve (the chain is not open, or it is importing a heavier chain more blocks ahead than --health-max-lag allows); the message says why.",
  },
  RATE_LIMITED: {
    class: "rate-limited",
    description: "Too many requests from this client; retry after the time given.",
  },
  INTERNAL: {
    class: "internal",
    description: "A bug or unexpected failure in the node; the details go to its log, never to the client.",
  },
});
