/** Payment channels: one channel's page, and on an account's page the channels it pays or is paid by. */
import type { JSX } from "preact";
import { seg, useApi } from "../../explorer/api.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { Link } from "../../explorer/router.js";
import { AddressLink, Answer, BlockLink, Card, Fields, Table, units } from "../../explorer/ui.js";
import type { ChannelView } from "./views.js";

function Channel(props: { params: Record<string, string> }): JSX.Element {
  const { answer } = useApi<ChannelView>(`/v1/channels/${seg(props.params.id)}`);
  return (
    <Card title={`Channel ${props.params.id}`}>
      <Answer answer={answer}>
        {(c) => (
          <Fields
            rows={[
              ["status", c.status],
              ["payer", <AddressLink address={c.payer} key="p" />],
              ["payee", <AddressLink address={c.payee} key="e" />],
              ["deposit", units(c.deposit)],
              ["expiry", <BlockLink id={c.expiry} key="x" />],
              ["opened at", <BlockLink id={c.openedAt} key="o" />],
              ["stated (closing)", c.stated === null ? undefined : units(c.stated)],
              ["settles at", c.settlesAt === null ? undefined : c.settlesAt],
            ]}
          />
        )}
      </Answer>
    </Card>
  );
}

function AccountChannels(props: { params: Record<string, string> }): JSX.Element {
  const a = seg(props.params.address);
  const pays = useApi<{ items: ChannelView[] }>(`/v1/channels?payer=${a}&limit=20`);
  const paid = useApi<{ items: ChannelView[] }>(`/v1/channels?payee=${a}&limit=20`);
  const rows = (list: ChannelView[], role: string) =>
    list.map((c) => [
      <Link href={`/channel/${c.id}`} key="i">
        {c.id}
      </Link>,
      role,
      <AddressLink address={role === "pays" ? c.payee : c.payer} key="o" />,
      units(c.deposit),
      c.status,
    ]);
  return (
    <Card title="Payment channels">
      <Answer answer={pays.answer}>
        {(p) => (
          <Answer answer={paid.answer}>
            {(q) => (
              <Table
                head={["channel", "role", "other side", "deposit", "status"]}
                rows={[...rows(p.items, "pays"), ...rows(q.items, "is paid")]}
                empty="no channels"
              />
            )}
          </Answer>
        )}
      </Answer>
    </Card>
  );
}

export const channelsExplorer: ExplorerModule = {
  name: "channels",
  pages: [{ path: "/channel/:id", view: Channel }],
  panels: [{ page: "/account/:address", view: AccountChannels }],
};
