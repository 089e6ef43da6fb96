/** NAPTR record fixtures (test-only), shared by the ENUM tests and those of modules reading the ENUM zone. */
import assert from "node:assert/strict";

/** A NAPTR record from its zone-file text: `order preference "flags" "service" "regexp" replacement`. */
export function naptr(text: string) {
  const m = /^(\d+) (\d+) "([^"]*)" "([^"]*)" "([^"]*)" (\S+)$/.exec(text);
  assert.ok(m, `not a NAPTR record: ${text}`);
  const [, order, preference, flags, service, regexp, replacement] = m;
  return { order: Number(order), preference: Number(preference), flags, service, regexp, replacement };
}

/** A NAPTR record's fields, as the ENUM module's record schema has them. */
export type NaptrFields = ReturnType<typeof naptr>;

/** The usual terminal ENUM rule (RFC 6116, E2U+sip): any number → sip:<user>@example.com. */
export const sipNaptr = (user: string): NaptrFields =>
  naptr(`100 10 "u" "E2U+sip" "!^.*$!sip:${user}@example.com!" .`);
