/**
 * A small client for the node's HTTP API. Every failure becomes a TelchainError: the
 * node's own `{ error: { code, message } }` body when it answered (an ApiError, with the
 * HTTP status), NODE_UNREACHABLE when it could not be reached.
 *
 * Core routes are called through typed actions (src/client/actions/: `getStatus(client)`,
 * `getBlock(client, { id })`, ...), or `callRoute(client, route, args)` for any route
 * declared with `defineRoute`. `get<T>(path)` and `post<T>(path, body)` remain for routes
 * that are not declared as data yet (modules'); their T is the caller's word, unchecked.
 */
import { TelchainError } from "../errors.js";

const DEFAULT_TIMEOUT_MS = 30_000;

export class ApiClient {
  readonly baseUrl: string;

  /** `fetchFn`: the fetch to send requests with (the global one by default; a browser's, a test's). */
  constructor(
    baseUrl: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new TelchainError(
        "API_URL_INVALID",
        `"${baseUrl}" is not a URL (expected e.g. http://127.0.0.1:8645)`,
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new TelchainError("API_URL_INVALID", `"${baseUrl}" must be an http:// or https:// URL`);
    }
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  /** Sends one request; `path` starts with "/" and is already URL-encoded. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.baseUrl + (path.startsWith("/") ? path : `/${path}`);
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method,
        headers:
          body === undefined
            ? { accept: "application/json" }
            : { "content-type": "application/json", accept: "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      if ((e as Error).name === "TimeoutError") {
        throw new TelchainError(
          "NODE_TIMEOUT",
          `the node at ${this.baseUrl} did not answer ${method} ${path} within ${this.timeoutMs / 1000} s`,
        );
      }
      throw new TelchainError(
        "NODE_UNREACHABLE",
        `cannot reach the node at ${this.baseUrl}: is \`telchain node\` running?`,
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) throw errorFromResponse(res.status, json, text);
    if (json === undefined) {
      throw new TelchainError(
        "API_BAD_RESPONSE",
        `${method} ${path} answered ${res.status} without a JSON body`,
      );
    }
    return json as T;
  }
}

/** An error answered by a node (or verifier) API: its code and message, and the HTTP status. */
export class ApiError extends TelchainError {
  constructor(
    code: string,
    message: string,
    readonly status: number,
  ) {
    super(code, message);
  }
}

function errorFromResponse(status: number, json: unknown, text: string): TelchainError {
  const err = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (err && typeof err.code === "string" && typeof err.message === "string") {
    return new ApiError(err.code, err.message, status);
  }
  return new ApiError(
    `HTTP_${status}`,
    `the node answered ${status}: ${text.slice(0, 200) || "(empty body)"}`,
    status,
  );
}
