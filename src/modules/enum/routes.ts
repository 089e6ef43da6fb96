/**
 * ENUM routes:
 *   GET /v1/enum/:e164           a number: "+15551234567" (the "+" URL-encoded as %2B or not)
 *                                or the bare digits "15551234567"; 400 ENUM_BAD_NUMBER, 404 unregistered
 *   GET /v1/enum?owner=ADDR      the numbers of an owner, paged (src/api/paging.ts)
 *   GET /v1/enum/verifiers       every verifier, active and revoked
 *   GET /v1/enum/commits/:hash   a pending commit (?sender=tel1... picks the committer's own;
 *                                commits are keyed by hash and sender, see store.ts)
 */
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { type AnyRoute, defineRoute, type RouteRequest } from "../../api/route.js";
import { ErrorResponses } from "../../api/schemas.js";
import { concatBytes, fromHex, toHex } from "../../bytes.js";
import { decodeAddress, encodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { QueryContext } from "../../module/interface.js";
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import { e164Param } from "../../telephony/e164.js";
import { formatNumber } from "./format.js";
import { CommitEntry, type NumberEntry, VerifierEntry } from "./schemas.js";
import { numberStatus } from "./status.js";
import { byOwner, COMMIT_PREFIX, commitKey, readNumber, readParams, VERIFIER_PREFIX } from "./store.js";

/** Verifiers listed at most (the list is only ever short: each one holds a bond). */
export const MAX_VERIFIERS_LISTED = 1000;

const Address = Type.String({ description: "address (tel1...)" });
const Hash = Type.String({
  pattern: "^[0-9a-fA-F]{64}$",
  maxLength: 64,
  description: "32 bytes, 64 hex digits",
});

export const NaptrSchema = Type.Object({
  order: Type.Integer({ minimum: 0, maximum: 65535 }),
  preference: Type.Integer({ minimum: 0, maximum: 65535 }),
  flags: Type.String(),
  service: Type.String(),
  regexp: Type.String(),
  replacement: Type.String(),
});

export const EnumNumberSchema = Type.Object({
  number: Type.String({ description: "E.164 with +" }),
  owner: Address,
  verifier: Address,
  registeredAt: Type.Integer({ description: "height" }),
  expiresAt: Type.Integer({ description: "last height at which the records are served" }),
  attestedUntil: Type.Integer({ description: "unix seconds; records served until this + attestationGrace" }),
  served: Type.Boolean(),
  status: Type.Union([
    Type.Literal("active"),
    Type.Literal("expired"),
    Type.Literal("attestation-lapsed"),
    Type.Literal("grace"),
  ]),
  records: Type.Array(NaptrSchema),
});

export const EnumVerifierSchema = Type.Object({
  address: Address,
  name: Type.String(),
  bond: Type.String({ description: "base units held" }),
  registeredAt: Type.Integer(),
  active: Type.Boolean(),
  revokedAt: Type.Union([Type.Integer(), Type.Null()]),
  revokedBy: Type.Union([Type.Literal("self"), Type.Literal("authority"), Type.Null()]),
});
export const EnumVerifiersSchema = Type.Object({ verifiers: Type.Array(EnumVerifierSchema) });
export type EnumNumberView = Static<typeof EnumNumberSchema>;
export type EnumVerifierView = Static<typeof EnumVerifierSchema>;
export type EnumCommitView = Static<typeof EnumCommitSchema>;

export const EnumCommitSchema = Type.Object({
  hash: Hash,
  sender: Address,
  height: Type.Integer(),
  /** First height at which the reveal is accepted. */
  matureAt: Type.Integer(),
  /** Last height at which the reveal is accepted. */
  expiresAt: Type.Integer(),
});

/** The JSON form of a registered number (GET /v1/enum/:e164 and the owner's list). */
function numberView(entry: NumberEntry, digits: string, q: QueryContext) {
  const status = numberStatus(entry, q);
  // the response schema fixes the order of the fields
  const [owner, verifier] = [encodeAddress(entry.owner), encodeAddress(entry.verifier)];
  return { ...entry, number: `+${digits}`, owner, verifier, served: status === "active", status };
}

/** GET /v1/enum/:e164 and `telchain enum show <e164>`. */
export const enumNumberLookup = defineLookup({
  path: "/v1/enum/:e164",
  operationId: "getEnumNumber",
  summary: "An ENUM number",
  description:
    "A registered number: owner, verifier, expiry, attestation, status and NAPTR records. 400 " +
    "ENUM_BAD_NUMBER for a malformed number, 404 NOT_FOUND when it is not registered.",
  param: e164Param("ENUM_BAD_NUMBER"),
  schema: EnumNumberSchema,
  get(q, digits) {
    const entry = readNumber(q.state(), digits);
    return entry && numberView(entry, digits, q);
  },
  command: "enum",
  notFound: (digits) => `+${digits} is not registered`,
  about: "a number: owner, verifier, expiry, status and NAPTR records",
  format: formatNumber,
});

/** GET /v1/enum?owner= and `telchain enum list --owner`. */
export const enumNumbersList = defineList({
  path: "/v1/enum",
  operationId: "listEnumNumbers",
  summary: "List the ENUM numbers of an owner",
  noun: "numbers",
  order: "digit order",
  about: "Expired numbers are listed too, with their status.",
  command: "enum",
  filters: { owner: { help: "that an address owns", address: byOwner.prefix } },
  schema: EnumNumberSchema,
  item(q, digits) {
    const entry = readNumber(q.state(), digits);
    return entry && numberView(entry, digits, q);
  },
  line: (v) =>
    `${v.number.padEnd(16)}  ${v.status.padEnd(8)}  expires ${v.expiresAt}  ${v.records.length} records`,
});

export const listVerifiersRoute = defineRoute({
  method: "GET",
  url: "/v1/enum/verifiers",
  operationId: "listEnumVerifiers",
  summary: "ENUM verifiers (active and revoked)",
  description:
    "Every verifier whose attestations the chain accepts, and the revoked ones with who revoked them.",
  tags: ["enum"],
  response: EnumVerifiersSchema,
});

export const getCommitRoute = defineRoute({
  method: "GET",
  url: "/v1/enum/commits/:hash",
  operationId: "getEnumCommit",
  summary: "A pending ENUM commit",
  description:
    "A pending commit by its hash (?sender= picks the committer's own), with the heights between which its reveal is accepted.",
  tags: ["enum"],
  params: Type.Object({ hash: Hash }),
  querystring: Type.Object({ sender: Type.Optional(Address) }, { additionalProperties: false }),
  response: EnumCommitSchema,
});

/**
 * The Fastify schema these two routes have always had (no `security`, the success response
 * without a description): registerRoute's would change the OpenAPI document.
 */
const schemaOf = (r: AnyRoute) => ({
  operationId: r.operationId,
  summary: r.summary,
  description: r.description,
  tags: [...r.tags],
  ...(r.params ? { params: r.params } : {}),
  ...(r.querystring ? { querystring: r.querystring } : {}),
  response: { 200: r.response, ...ErrorResponses },
});

export function enumRoutes(app: FastifyInstance, q: QueryContext): void {
  app.get(listVerifiersRoute.url, { schema: schemaOf(listVerifiersRoute) }, async () => ({
    verifiers: q.scan(VERIFIER_PREFIX, MAX_VERIFIERS_LISTED).map(({ key, value }) => {
      const v = VerifierEntry.deserialize(value);
      const revoked = v.revokedAt !== 0;
      return {
        address: encodeAddress(key.subarray(VERIFIER_PREFIX.length)),
        name: v.name,
        bond: v.bond.toString(),
        registeredAt: v.registeredAt,
        active: !revoked,
        revokedAt: revoked ? v.revokedAt : null,
        revokedBy: revoked ? (v.revokedByAuthority ? ("authority" as const) : ("self" as const)) : null,
      };
    }),
  }));

  app.get(getCommitRoute.url, { schema: schemaOf(getCommitRoute) }, async (raw) => {
    const request = raw as unknown as RouteRequest<typeof getCommitRoute>;
    const hash = fromHex(request.params.hash);
    const { sender } = request.query;
    // a full key is its own only match; the hash alone matches the commits of every sender
    const [found] = q.scan(
      sender ? commitKey(hash, decodeAddress(sender)) : concatBytes(COMMIT_PREFIX, hash),
      1,
    );
    if (!found) throw new TelchainError("NOT_FOUND", `no pending commit ${toHex(hash)}`);
    const { height } = CommitEntry.deserialize(found.value);
    const { commitMinAge, commitMaxAge } = readParams(q.state());
    return {
      hash: toHex(hash),
      sender: encodeAddress(found.key.subarray(COMMIT_PREFIX.length + 32)),
      height,
      matureAt: height + commitMinAge,
      expiresAt: height + commitMaxAge,
    };
  });
}
