/**
 * The number page: who holds a number, which carrier serves it and its routing number (what a
 * portability dip answers), the pending port and the history of claims and ports, verified by
 * the light client. (The ENUM module adds the number's NAPTR records below.)
 */
import type { JSX } from "preact";
import { exists, seg, useApi, usePresence } from "../../explorer/api.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { Link } from "../../explorer/router.js";
import { AddressLink, Answer, BlockLink, Card, Fields, Table, units } from "../../explorer/ui.js";
import { useVerification, VerifiedBadge } from "../../explorer/verify.js";
import type { NumberView } from "./routes.js";

/** The carrier of the proven number record (the light client's decoded value). */
const provenCarrier = (value: unknown) => (value as { carrier?: unknown } | null)?.carrier;

const CarrierLink = (p: { id: string | null }) =>
  p.id ? <Link href={`/carrier/${p.id}`}>{p.id}</Link> : null;

function NumberPage(props: { params: Record<string, string> }): JSX.Element {
  const e164 = props.params.e164;
  // Asked through the proof route first: an unclaimed number is a proven absence, not a 404.
  const presence = usePresence("numbers", e164);
  const present = presence?.ok ? presence.body : undefined;
  const { answer } = useApi<NumberView>(present ? `/v1/numbers/${seg(e164)}` : null);
  const n = answer?.ok ? answer.body : undefined;
  const v = useVerification(
    "numbers",
    present === false ? e164 : n?.number,
    undefined,
    n && `${n.carrier}/${n.history.length}/${n.status}`,
  );
  if (present !== true)
    return (
      <Card title={`Number ${e164}`}>
        <Answer answer={presence}>
          {() => (
            <>
              <div class="verdict unregistered" id="number-unclaimed">
                NOT CLAIMED
                <small>nobody holds this number on the chain: no carrier serves it through telchain</small>
              </div>
              <VerifiedBadge
                v={
                  v?.ok && v.present
                    ? { ok: false, reason: "the node's answer disagrees with the proven record" }
                    : v
                }
              />
            </>
          )}
        </Answer>
      </Card>
    );
  return (
    <Card title={`Number ${props.params.e164}`}>
      <Answer answer={answer}>
        {(num) => (
          <>
            <Fields
              rows={[
                [
                  "carrier",
                  <strong key="c" id="number-carrier">
                    <CarrierLink id={num.carrier} />
                  </strong>,
                ],
                [
                  "routing number",
                  <span class="mono" key="r">
                    {num.routingNumber}
                  </span>,
                ],
                ["status", num.status],
                ["ported", num.ported ? "yes" : "no"],
                ["holder", <AddressLink address={num.holder} key="h" />],
                ["claimed at", <BlockLink id={num.claimedAt} key="a" />],
                [
                  "confirmed at",
                  num.confirmedAt === null ? null : <BlockLink id={num.confirmedAt} key="f" />,
                ],
                ["deposit", units(num.deposit)],
                [
                  "pending port",
                  num.pendingPort
                    ? `to ${num.pendingPort.toCarrier}, asked at block ${num.pendingPort.requestedAt}, until ${num.pendingPort.deadline}`
                    : undefined,
                ],
              ]}
            />
            <VerifiedBadge
              v={
                v?.ok && !(v.present && provenCarrier(v.value) === num.carrier)
                  ? { ok: false, reason: "the node's answer disagrees with the proven record" }
                  : v
              }
            />
            <h3>Portability history</h3>
            <Table
              head={["block", "event", "from", "to", "routing number"]}
              rows={num.history.map((h) => [
                <BlockLink id={h.height} key="b" />,
                h.kind,
                <CarrierLink id={h.fromCarrier} key="f" />,
                <CarrierLink id={h.toCarrier} key="t" />,
                h.routingNumber ?? "",
              ])}
            />
          </>
        )}
      </Answer>
    </Card>
  );
}

/** "+1 555…", "1555…", "+1-555-…": the digits, when they can be an E.164 number. */
export function numberDigits(q: string): string | undefined {
  const digits = q.replace(/[\s().-]/g, "");
  return /^\+?[1-9]\d{6,14}$/.test(digits) ? digits.replace(/^\+/, "") : undefined;
}

export const numbersExplorer: ExplorerModule = {
  name: "numbers",
  pages: [{ path: "/number/:e164", view: NumberPage }],
  search: [
    {
      label: "number (portability)",
      find: async (q) => {
        const d = numberDigits(q);
        return d && (await exists(`/v1/numbers/${d}`)) ? `/number/+${d}` : undefined;
      },
    },
  ],
};
