/** Codes the HTTP API itself answers with (routes, the framework, rate limits). */
import { defineErrors } from "../errors.js";

export const API_ERRORS = defineErrors("api", {
  NOT_FOUND: {
    class: "not-found",
    description: "No such route, or the block, transaction or entry asked for does not exist.",
  },
  API_ROUTE_UNDOCUMENTED: {
    class: "internal",
    description:
      "A route lacks its operationId, summary, description or a path parameter's maxLength; the API refuses to start.",
  },
  RATE_LIMITED: {
    class: "rate-limited",
    description: "Too many requests from this client; retry after the time given.",
  },
});
