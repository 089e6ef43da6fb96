/**
 * The device check page, for a shop counter or a police desk: one field, a big CLEAN /
 * STOLEN / UNREGISTERED answer, the device's history WITHOUT any owner's address (who owned
 * it is nobody's business at the counter; the API's `owner` is not shown), and "verified
 * against block N" from the light client in the browser.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { seg, useApi } from "../../explorer/api.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { navigate } from "../../explorer/router.js";
import { Answer, BlockLink, Card, Table } from "../../explorer/ui.js";
import { useVerification, VerifiedBadge } from "../../explorer/verify.js";
import { IMEI_LENGTH, luhnCheckDigit } from "../../telephony/imei.js";
import type { DeviceView } from "./lookup.js";

const isImei = (q: string) =>
  new RegExp(`^\\d{${IMEI_LENGTH}}$`).test(q) && luhnCheckDigit(q.slice(0, -1)) === Number(q.at(-1));

/** The status the proven record says (the device record's `flagged`), to match the node's answer. */
function provenStatus(present: boolean, value: unknown): DeviceView["status"] {
  if (!present) return "unregistered";
  return (value as { flagged?: unknown } | null)?.flagged === true ? "stolen" : "clean";
}

const VERDICT = {
  clean: ["CLEAN", "registered, not reported"],
  stolen: ["STOLEN", "reported — do not buy, do not activate"],
  unregistered: ["UNREGISTERED", "no device with this IMEI is on the chain"],
} as const;

function DeviceCheck(props: { params: Record<string, string> }): JSX.Element {
  const imei = props.params.imei;
  const [q, setQ] = useState(imei ?? "");
  return (
    <Card title="Device check">
      <form
        class="check-form"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/device/${q.replace(/[\s-]/g, "")}`);
        }}
      >
        <input
          name="imei"
          inputMode="numeric"
          autoComplete="off"
          placeholder="IMEI (15 digits, *#06#)"
          aria-label="IMEI"
          value={q}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Check</button>
      </form>
      {imei && <Result imei={imei} />}
    </Card>
  );
}

function Result(props: { imei: string }): JSX.Element {
  const { answer } = useApi<DeviceView>(`/v1/devices/${seg(props.imei)}`);
  const d = answer?.ok ? answer.body : undefined;
  const v = useVerification("devices", d?.imei, undefined, d && `${d.status}/${d.since}/${d.historyTotal}`);
  const agrees = v?.ok && d && provenStatus(v.present, v.value) === d.status;
  return (
    <Answer answer={answer}>
      {(dev) => {
        const [word, note] = VERDICT[dev.status];
        return (
          <>
            <div class={`verdict ${dev.status}`} id="verdict" data-status={dev.status}>
              {word}
              <small>
                {note}
                {dev.status === "stolen" && dev.reason ? ` (${dev.reason}, since block ${dev.since})` : ""}
              </small>
            </div>
            <p class="mono" id="device-imei">
              IMEI {dev.imei}
            </p>
            <VerifiedBadge
              v={
                v?.ok && !agrees
                  ? { ok: false, reason: "the node's answer disagrees with the proven record" }
                  : v
              }
            />
            {dev.status !== "unregistered" && (
              <>
                <h3>History</h3>
                <Table
                  head={["block", "event", "reason", "by"]}
                  rows={dev.history.map((h) => [
                    <BlockLink id={h.height} key="b" />,
                    h.event,
                    h.reason ?? "",
                    h.by ?? "",
                  ])}
                />
                {dev.historyTotal > dev.history.length && (
                  <p class="muted small">
                    the latest {dev.history.length} of {dev.historyTotal} events
                  </p>
                )}
                <p class="muted small">
                  Registered at block {dev.registeredAt}. Owners' addresses are not shown on this page.
                  {dev.pendingTransfer ? " A transfer to a new owner is pending." : ""}
                </p>
              </>
            )}
          </>
        );
      }}
    </Answer>
  );
}

export const devicesExplorer: ExplorerModule = {
  name: "devices",
  pages: [
    { path: "/device", view: DeviceCheck, nav: "Device check" },
    { path: "/device/:imei", view: DeviceCheck },
  ],
  search: [{ label: "device by IMEI", find: async (q) => (isImei(q) ? `/device/${q}` : undefined) }],
};
