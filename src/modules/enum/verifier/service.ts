/**
 * The reference verifier service (`telchain verifier serve`): proves that whoever asks for
 * an attestation controls the number, by sending a code through a DeliveryChannel and
 * waiting for it to come back, then signs the attestation with the verifier key.
 *
 *   POST /v1/challenges             { number, owner }  -> { challengeId, expiresAt, channel }
 *   POST /v1/challenges/:id/answer  { code }           -> { attestation (hex fields), verifier }
 *   GET  /v1/info                                      -> { verifier, chainId, validitySeconds, channel }
 *
 * Errors: { error: { code, message } }, as the node's API. Rate limited per IP.
 */
import rateLimit from "@fastify/rate-limit";
import { type Static, Type } from "@sinclair/typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { installErrorHandlers } from "../../../api/errors.js";
import { ErrorResponses } from "../../../api/schemas.js";
import { strictBodyCompiler, type TypeBoxTypeProvider } from "../../../api/typebox.js";
import { decodeAddress, encodeAddress } from "../../../crypto/address.js";
import { publicKeyFromSeed } from "../../../crypto/ed25519.js";
import { TelchainError } from "../../../errors.js";
import "../errors.js"; // the verifier codes and their classes
import { parseE164 } from "../../../telephony/e164.js";
import { DEFAULT_VALIDITY_SECONDS, signClaim } from "../attestation.js";
import { type ChallengeLimits, ChallengeStore, DEFAULT_CHALLENGE_LIMITS } from "./challenges.js";
import type { DeliveryChannel } from "./delivery.js";
import { AttestationWireSchema, attestationToWire } from "./wire.js";

export interface VerifierServiceOptions {
  /** The verifier's signing key (32-byte Ed25519 seed). */
  seed32: Uint8Array;
  /** Chain the attestations are signed for. */
  chainId: string;
  channel: DeliveryChannel;
  validitySeconds?: number;
  limits?: Partial<ChallengeLimits>;
  /** Requests per IP per minute (default 60). */
  requestsPerMinute?: number;
  /** Clock in ms (tests move it). */
  now?: () => number;
}

const Challenge = Type.Object(
  {
    number: Type.String({ maxLength: 40, description: "E.164, e.g. +15551234567" }),
    owner: Type.String({ maxLength: 100, description: "the address (tel1...) that will own the number" }),
  },
  { additionalProperties: false },
);
const Answer = Type.Object(
  { code: Type.String({ pattern: "^[0-9]{6}$", description: "the 6-digit code" }) },
  { additionalProperties: false },
);

export const VerifierInfoSchema = Type.Object({
  verifier: Type.String({ description: "the verifier's address (tel1...)" }),
  chainId: Type.String(),
  validitySeconds: Type.Integer(),
  channel: Type.String({ description: "how codes are sent" }),
});
export const ChallengeSchema = Type.Object({
  challengeId: Type.String(),
  expiresAt: Type.Integer({ description: "unix seconds" }),
  channel: Type.String(),
});
export type VerifierInfo = Static<typeof VerifierInfoSchema>;
const route = (operationId: string, summary: string, description: string) => ({
  operationId,
  summary,
  description,
  tags: ["enum"],
});

export async function createVerifierService(opts: VerifierServiceOptions): Promise<FastifyInstance> {
  const now = opts.now ?? Date.now;
  const validitySeconds = opts.validitySeconds ?? DEFAULT_VALIDITY_SECONDS;
  const verifier = encodeAddress(publicKeyFromSeed(opts.seed32));
  const store = new ChallengeStore({ ...DEFAULT_CHALLENGE_LIMITS, ...opts.limits }, now);

  const base = Fastify({
    logger: false,
    bodyLimit: 4096,
    ajv: { customOptions: { removeAdditional: false } },
  });
  base.removeContentTypeParser("text/plain");
  await base.register(rateLimit, {
    max: opts.requestsPerMinute ?? 60,
    timeWindow: "1 minute",
    errorResponseBuilder: (_request, context) =>
      new TelchainError("RATE_LIMITED", `too many requests; retry in ${context.after}`),
  });
  installErrorHandlers(base);
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/v1/info",
    {
      schema: {
        ...route("getVerifierInfo", "The verifier", "Its address, chain, validity and code channel."),
        response: { 200: VerifierInfoSchema, ...ErrorResponses },
      },
    },
    async () => ({ verifier, chainId: opts.chainId, validitySeconds, channel: opts.channel.name }),
  );

  app.post(
    "/v1/challenges",
    {
      schema: {
        ...route("createChallenge", "Send a code", "Sends a one-time code to the number."),
        body: Challenge,
        response: { 200: ChallengeSchema, ...ErrorResponses },
      },
      validatorCompiler: strictBodyCompiler,
    },
    async (request) => {
      const number = parseE164(request.body.number, "ENUM_BAD_NUMBER").text;
      const owner = decodeAddress(request.body.owner);
      const challenge = store.create(number, owner);
      try {
        await opts.channel.deliver(number, challenge.code);
      } catch (e) {
        store.drop(challenge.id);
        if (e instanceof TelchainError) throw e;
        throw new TelchainError(
          "VERIFIER_DELIVERY_FAILED",
          `could not send the code: ${(e as Error).message}`,
        );
      }
      return {
        challengeId: challenge.id,
        expiresAt: Math.floor(challenge.expiresAt / 1000),
        channel: opts.channel.name,
      };
    },
  );

  app.post(
    "/v1/challenges/:id/answer",
    {
      schema: {
        ...route("answerChallenge", "Answer a challenge", "The code that came back: the signed attestation."),
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        body: Answer,
        response: {
          200: Type.Object({ attestation: AttestationWireSchema, verifier: Type.String() }),
          ...ErrorResponses,
        },
      },
      validatorCompiler: strictBodyCompiler,
    },
    async (request) => {
      const c = store.answer(request.params.id, request.body.code);
      const attestation = signClaim({
        seed32: opts.seed32,
        chainId: opts.chainId,
        number: c.number,
        owner: c.owner,
        now: Math.floor(now() / 1000),
        validitySeconds,
      });
      return { attestation: attestationToWire(attestation), verifier };
    },
  );

  return base;
}
