import type { ComponentChildren } from "preact";
import { usePage } from "../page_context.ts";

/** Props of the page shell. */
export interface LayoutProps {
  /** Title of the page, shown in the tab and as its heading. */
  title: string;
  children: ComponentChildren;
}

const NAV = [
  { href: "/", label: "Overview" },
  { href: "/agents", label: "Agents" },
  { href: "/reports", label: "Reports" },
  { href: "/settings", label: "Settings" },
];

/** The shell every dashboard page shares: head, navigation and scripts. */
export function Layout({ title, children }: LayoutProps) {
  const page = usePage();
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · cefleet`}</title>
        <link rel="stylesheet" href={`${page.assetBase}/dashboard.css`} />
        <link
          rel="icon"
          type="image/svg+xml"
          href={`${page.assetBase}/favicon.svg`}
        />
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        {page.user ? <Header /> : null}
        <main
          id="main"
          tabIndex={-1}
          class={page.user ? undefined : "signed-out"}
        >
          {page.user ? null : <p class="brand">cefleet</p>}
          <h1>{title}</h1>
          {children}
        </main>
        <PageScripts />
      </body>
    </html>
  );
}

function Header() {
  const page = usePage();
  const section = "/" + (page.path.split(/[/?]/)[1] ?? "");
  return (
    <header class="site-header">
      <a class="brand" href="/">cefleet</a>
      <nav aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.href}>
              <a
                href={item.href}
                aria-current={item.href === section ? "page" : undefined}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="account">
        <a href="/account/password">{page.user?.username}</a>
        <form method="post" action="/logout">
          <button type="submit" class="link-button">Sign out</button>
        </form>
      </div>
    </header>
  );
}

/**
 * Script tags for what the page used. Preact renders depth first, so by the
 * time this last element of the body renders, every island and time of the
 * page has recorded itself.
 */
function PageScripts() {
  const page = usePage();
  return (
    <>
      {page.usesTimes
        ? (
          <script
            type="module"
            src={`${page.assetBase}/routes/dashboard/assets/times.js`}
          />
        )
        : null}
      {page.usesIslands
        ? (
          <script
            type="module"
            src={`${page.assetBase}/routes/dashboard/assets/boot.js`}
          />
        )
        : null}
    </>
  );
}
