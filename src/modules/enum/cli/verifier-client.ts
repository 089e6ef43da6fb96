/** The CLI's side of the reference verifier's HTTP protocol (see ../verifier/service.ts). */
import type { Static } from "@sinclair/typebox";
import { ApiError } from "../../../client/api-client.js";
import { TelchainError } from "../../../errors.js";
import type { Attestation } from "../schemas.js";
import type { ChallengeSchema, VerifierInfo } from "../verifier/service.js";
import { attestationFromWire } from "../verifier/wire.js";

export class VerifierClient {
  readonly url: string;

  constructor(url: string) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new TelchainError(
        "BAD_ARGUMENT",
        `--verifier "${url}" is not a URL (e.g. http://127.0.0.1:8653)`,
      );
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
      throw new TelchainError("BAD_ARGUMENT", `--verifier "${url}" must be an http:// or https:// URL`);
    this.url = url.replace(/\/+$/, "");
  }

  info(): Promise<VerifierInfo> {
    return this.request<VerifierInfo>("GET", "/v1/info");
  }

  challenge(number: string, owner: string): Promise<Static<typeof ChallengeSchema>> {
    return this.request("POST", "/v1/challenges", { number, owner });
  }

  async answer(challengeId: string, code: string): Promise<Attestation> {
    const res = await this.request<{ attestation: unknown }>(
      "POST",
      `/v1/challenges/${encodeURIComponent(challengeId)}/answer`,
      { code },
    );
    return attestationFromWire(res.attestation);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.url + path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new TelchainError(
        "VERIFIER_UNREACHABLE",
        `cannot reach the verifier at ${this.url}: is \`telchain verifier serve\` running there?`,
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const err = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (!res.ok) {
      if (err && typeof err.code === "string" && typeof err.message === "string")
        throw new ApiError(err.code, `verifier: ${err.message}`, res.status);
      throw new TelchainError(
        "VERIFIER_BAD_RESPONSE",
        `the verifier answered ${res.status}: ${text.slice(0, 200)}`,
      );
    }
    if (json === undefined)
      throw new TelchainError("VERIFIER_BAD_RESPONSE", `the verifier's answer to ${path} is not JSON`);
    return json as T;
  }
}
