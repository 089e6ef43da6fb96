/**
 * A carrier id as the carriers module registers it: 3 to 8 upper-case letters or digits. Other
 * modules name carriers in their payloads and records with this text type, each with its own code.
 */
import { text } from "../codec/text.js";

export const CARRIER_ID = /^[A-Z0-9]{3,8}$/;

export const carrierIdText = (code: string) =>
  text({
    maxBytes: 8,
    pattern: CARRIER_ID,
    name: "carrier id",
    describe: "3 to 8 upper-case letters or digits",
    code,
  });
