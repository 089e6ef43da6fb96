/** The app shell: header with the menu and the search box, and the page of the current path. */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { explorerModules } from "../modules/explorer.js";
import type { ExplorerPage } from "./page.js";
import { Account, Block, Blocks, Tx } from "./pages/chain.js";
import { Dashboard } from "./pages/dashboard.js";
import { Link, matchPath, navigate, useLocation } from "./router.js";
import { searchFor } from "./search.js";
import { Card } from "./ui.js";

export const CORE_PAGES: ExplorerPage[] = [
  { path: "/", view: Dashboard, nav: "Dashboard" },
  { path: "/blocks", view: Blocks, nav: "Blocks" },
  { path: "/block/:id", view: Block },
  { path: "/tx/:hash", view: Tx },
  { path: "/account/:address", view: Account },
  { path: "/search", view: SearchPage },
];

const modules = explorerModules();
const PAGES = [...CORE_PAGES, ...modules.flatMap((m) => m.pages)];
const PANELS = modules.flatMap((m) => m.panels ?? []);
const SEARCHES = modules.flatMap((m) => m.search ?? []);

export function App(): JSX.Element {
  const { path } = useLocation();
  let page: JSX.Element = <NotFound path={path} />;
  for (const p of PAGES) {
    const params = matchPath(p.path, path);
    if (params) {
      const View = p.view;
      page = (
        <div key={path}>
          <View params={params} />
          {PANELS.filter((x) => x.page === p.path).map((x, i) => (
            <x.view params={params} key={i} />
          ))}
        </div>
      );
      break;
    }
  }
  return (
    <>
      <header>
        <Link href="/" class="brand">
          telchain
        </Link>
        <SearchBox />
        <nav>
          {PAGES.filter((p) => p.nav).map((p) => (
            <Link href={p.path} key={p.path} class={path === p.path ? "active" : undefined}>
              {p.nav}
            </Link>
          ))}
        </nav>
      </header>
      <main>{page}</main>
    </>
  );
}

function SearchBox(): JSX.Element {
  const [q, setQ] = useState("");
  const submit = (e: Event) => {
    e.preventDefault();
    if (q.trim() !== "") navigate(`/search?q=${encodeURIComponent(q.trim())}`);
    setQ("");
  };
  return (
    <form class="search" onSubmit={submit}>
      <input
        type="search"
        name="q"
        value={q}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        placeholder="height, hash, address, number, IMEI, carrier"
        aria-label="search"
      />
      <button type="submit">Search</button>
    </form>
  );
}

function SearchPage(): JSX.Element {
  const { query } = useLocation();
  const q = query.get("q") ?? "";
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setMissing(false);
    let live = true;
    searchFor(q, SEARCHES).then((to) => {
      if (!live) return;
      if (to) navigate(to, true);
      else setMissing(true);
    });
    return () => {
      live = false;
    };
  }, [q]);
  return (
    <Card title={`Search: ${q}`}>
      {missing ? (
        <p id="search-none">
          Nothing found for <strong>{q}</strong>. The search takes a block height or hash, a transaction hash,
          an address (tel1…), a phone number (+1555…), an IMEI (15 digits) or a carrier id.
        </p>
      ) : (
        <p class="muted">searching…</p>
      )}
    </Card>
  );
}

function NotFound(props: { path: string }): JSX.Element {
  return (
    <Card title="No such page">
      <p>
        There is no page at <span class="mono">{props.path}</span>.{" "}
        <Link href="/">Back to the dashboard</Link>.
      </p>
    </Card>
  );
}
