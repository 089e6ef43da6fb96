/**
 * Codes of the ENUM module: transactions and genesis, routes, the DNS server, the CLI and
 * the reference verifier service. Transaction refusals are "invalid" (HTTP 400 at
 * submission, as always); the verifier service's own answers carry their HTTP meaning.
 */
import { defineErrors } from "../../errors.js";

const invalid = (description: string) => ({ class: "invalid" as const, description });

export const ENUM_ERRORS = defineErrors("enum", {
  ENUM_BAD_NUMBER: invalid("Not an E.164 number: + and 1 to 15 digits, the first not 0."),
  ENUM_BAD_RECORD: invalid(
    "A NAPTR record (or the list) breaks the rules; the message names the record and field.",
  ),
  ENUM_BAD_ATTESTATION: invalid("The attestation's signature, window or shape is not acceptable."),
  ENUM_ATTESTATION_MISMATCH: invalid("The attestation is for another number or another owner."),
  ENUM_ATTESTATION_EXPIRED: invalid("The block time is outside the attestation's validity window."),
  ENUM_ATTESTATION_REPLAYED: invalid("The attestation's nonce was already used: ask the verifier again."),
  ENUM_BAD_VERIFIER_NAME: invalid(
    "A verifier name is 1-64 printable ASCII characters without surrounding spaces.",
  ),
  ENUM_COMMIT_EXISTS: invalid("The same commit is still live: wait for it to mature and reveal it."),
  ENUM_NO_COMMIT: invalid("No commit by the sender for this number and salt: commit first."),
  ENUM_COMMIT_IMMATURE: invalid("The commit is younger than commitMinAge blocks: reveal later."),
  ENUM_COMMIT_EXPIRED: invalid("The commit is older than commitMaxAge blocks: commit again."),
  ENUM_TAKEN: invalid("The number is registered (or in its grace period) to someone."),
  ENUM_NOT_FOUND: invalid("The number is not registered."),
  ENUM_EXPIRED: invalid("The number's grace period is over: the former owner must register it again."),
  ENUM_NOT_OWNER: invalid("Only the number's owner may do this."),
  ENUM_RENEW_TOO_EARLY: invalid("A whole registration period still remains: renew later."),
  ENUM_VERIFIER_EXISTS: invalid("This key is (or was) already a verifier."),
  ENUM_VERIFIER_UNKNOWN: invalid("The key is not a registered verifier."),
  ENUM_VERIFIER_REVOKED: invalid("The verifier was revoked."),
  ENUM_NOT_AUTHORIZED: invalid("Only the verifier itself or the enum authority may revoke a verifier."),
  ENUM_VERIFIER_REQUIRED: invalid("Outside the dev chain, register and reattest need --verifier URL."),
  ENUM_VERIFIER_WRONG_CHAIN: invalid("The verifier signs for another chain than the node's."),
  ENUM_CODE_REQUIRED: invalid("No verification code was entered."),
  ENUM_WAIT_TIMEOUT: {
    class: "unavailable",
    description: "The chain did not reach the awaited height in time.",
  },
  DNS_APEX_INVALID: invalid("A --dns-apex name is not a valid DNS name."),
  DNS_LISTEN_INVALID: invalid("--dns needs HOST:PORT with an IP literal host."),
  DNS_NUMBER_INVALID: {
    class: "internal",
    description: "A DNS name was built from something other than digits.",
  },
  VERIFIER_CHALLENGE_UNKNOWN: {
    class: "not-found",
    description: "No such verification challenge (unknown, answered, or dropped): request a new code.",
  },
  VERIFIER_CHALLENGE_EXPIRED: {
    class: "gone",
    description: "The verification code expired: request a new one.",
  },
  VERIFIER_TOO_MANY_ATTEMPTS: {
    class: "forbidden",
    description: "Wrong code and no attempts left: request a new code.",
  },
  VERIFIER_WRONG_CODE: {
    class: "forbidden",
    description: "Wrong verification code; the message says how many attempts are left.",
  },
  VERIFIER_DELIVERY_FAILED: {
    class: "upstream",
    description: "The verifier could not send the code through its delivery channel.",
  },
  VERIFIER_BUSY: {
    class: "unavailable",
    description: "The verifier holds too many pending challenges; try again later.",
  },
  VERIFIER_UNREACHABLE: {
    class: "upstream",
    description: "The CLI cannot reach the verifier service at --verifier.",
  },
  VERIFIER_BAD_RESPONSE: {
    class: "upstream",
    description: "The verifier service answered something that is not its protocol.",
  },
  VERIFIER_KEY_REQUIRED: invalid("`verifier serve` needs --key NAME, or --dev for the dev verifier key."),
  VERIFIER_DEV_KEY: invalid("The dev verifier key is public: it signs only for the dev chain."),
});
