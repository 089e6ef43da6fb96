/** The CliContext given to modules' commands: API access, signing and output. */
import { ApiClient } from "../client/api-client.js";
import { submitCall } from "../client/tx-builder.js";
import type { CliContext } from "../module/interface.js";
import { print } from "./output.js";

export function createCliContext(): CliContext {
  return {
    submit: (opts) => submitCall(opts),
    get: (apiUrl, path) => new ApiClient(apiUrl).get<unknown>(path),
    print,
  };
}
