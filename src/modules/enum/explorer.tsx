/**
 * ENUM on the number page: the NAPTR records as a resolver sees them (the zone lines the
 * node's DNS server answers for the number's e164.arpa name), verified by the light client.
 */
import type { JSX } from "preact";
import { exists, seg, useApi, usePresence } from "../../explorer/api.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { AddressLink, Answer, Card, Fields } from "../../explorer/ui.js";
import { useVerification, VerifiedBadge } from "../../explorer/verify.js";
import { numberToName } from "./dns/names.js";
import type { EnumNumberView } from "./routes.js";

const quoted = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

function EnumPanel(props: { params: Record<string, string> }): JSX.Element {
  // Asked through the proof route first: a number without ENUM records is a proven absence.
  const presence = usePresence("enum", props.params.e164);
  const { answer } = useApi<EnumNumberView>(
    presence?.ok && presence.body ? `/v1/enum/${seg(props.params.e164)}` : null,
  );
  const e = answer?.ok ? answer.body : undefined;
  const v = useVerification("enum", e?.number, undefined, e && JSON.stringify(e.records));
  if (presence?.ok && !presence.body)
    return (
      <Card title="ENUM">
        <p class="muted">No ENUM records for this number.</p>
      </Card>
    );
  return (
    <Card title="ENUM (NAPTR records)" id="enum">
      <Answer answer={answer}>
        {(num) => {
          const name = numberToName(num.number.replace(/^\+/, ""), "e164.arpa");
          return (
            <>
              <pre class="json" id="naptr">
                {num.served
                  ? num.records
                      .map(
                        (r) =>
                          `${name}. IN NAPTR ${r.order} ${r.preference} ${quoted(r.flags)} ${quoted(r.service)} ${quoted(r.regexp)} ${r.replacement}`,
                      )
                      .join("\n") || "(no records)"
                  : `(not served: ${num.status})`}
              </pre>
              <Fields
                rows={[
                  ["status", num.status],
                  ["owner", <AddressLink address={num.owner} key="o" />],
                  ["verifier", <AddressLink address={num.verifier} key="v" />],
                  ["registered at", num.registeredAt],
                  ["expires at", `block ${num.expiresAt}`],
                  ["attested until", new Date(num.attestedUntil * 1000).toLocaleString()],
                ]}
              />
              <VerifiedBadge v={v} />
            </>
          );
        }}
      </Answer>
    </Card>
  );
}

export const enumExplorer: ExplorerModule = {
  name: "enum",
  pages: [],
  panels: [{ page: "/number/:e164", view: EnumPanel }],
  search: [
    {
      label: "number (ENUM)",
      find: async (q) => {
        const d = q.replace(/[\s().-]/g, "").replace(/^\+/, "");
        return /^[1-9]\d{6,14}$/.test(d) && (await exists(`/v1/enum/${d}`)) ? `/number/+${d}` : undefined;
      },
    },
  ],
};
