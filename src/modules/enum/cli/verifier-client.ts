/** The CLI's side of the reference verifier's HTTP protocol (see ../verifier/service.ts). */
import type { Static } from "@sinclair/typebox";
import { ApiClient, ApiError } from "../../../client/api-client.js";
import { TelchainError } from "../../../errors.js";
import type { Attestation } from "../schemas.js";
import type { ChallengeSchema, VerifierInfo } from "../verifier/service.js";
import { attestationFromWire } from "../verifier/wire.js";

export class VerifierClient {
  readonly url: string;
  private readonly api: ApiClient;

  constructor(url: string) {
    try {
      this.api = new ApiClient(url);
    } catch (e) {
      throw new TelchainError("BAD_ARGUMENT", `--verifier: ${(e as Error).message}`);
    }
    this.url = this.api.baseUrl;
  }

  info(): Promise<VerifierInfo> {
    return this.call(this.api.get("/v1/info"));
  }

  challenge(number: string, owner: string): Promise<Static<typeof ChallengeSchema>> {
    return this.call(this.api.post("/v1/challenges", { number, owner }));
  }

  async answer(challengeId: string, code: string): Promise<Attestation> {
    const path = `/v1/challenges/${encodeURIComponent(challengeId)}/answer`;
    const res = await this.call<{ attestation: unknown }>(this.api.post(path, { code }));
    return attestationFromWire(res.attestation);
  }

  /** The node client's failures, said of the verifier. */
  private call<T>(request: Promise<T>): Promise<T> {
    return request.catch((e) => {
      const code = (e as TelchainError).code;
      if (code === "NODE_UNREACHABLE" || code === "NODE_TIMEOUT")
        throw new TelchainError(
          "VERIFIER_UNREACHABLE",
          `cannot reach the verifier at ${this.url}: is \`telchain verifier serve\` running there?`,
        );
      if (code === "API_BAD_RESPONSE" || code.startsWith("HTTP_"))
        throw new TelchainError("VERIFIER_BAD_RESPONSE", `the verifier's answer: ${(e as Error).message}`);
      if (e instanceof ApiError) throw new ApiError(code, `verifier: ${e.message}`, e.status);
      throw e;
    });
  }
}
