import type { PageSettingsView } from "@/lib/page/queries.ts";
import { withBase } from "@/lib/urls/base-path.ts";
import { Instant } from "./instant.tsx";
import { LocalTimeToggle } from "./local-time-toggle.tsx";
import { MenuCloser } from "./menu-closer.tsx";

// Plain links, not next/link: public pages are served whole from the response cache, and
// next/link's prefetching would send every visitor's browser past it to render RSC payloads.
export function PageHeader({ page }: { page: PageSettingsView }) {
  return (
    <header className="border-b border-gray-200 bg-white dark:border-gray-800 dark:bg-gray-900">
      {/* Every public page's <main> has id="main". */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-indigo-800 focus:shadow-lg focus:ring-2 focus:ring-indigo-700 dark:focus:bg-gray-900 dark:focus:text-indigo-300"
      >
        Skip to content
      </a>
      <MenuCloser />
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-5">
        <a href={withBase("/")} className="flex items-center gap-3 text-xl font-semibold tracking-tight">
          {page.logoUrl ? (
            // biome-ignore lint/performance/noImgElement: a logo from any host the admin configured
            <img src={page.logoUrl} alt="" className="h-8 w-auto" />
          ) : (
            <span
              aria-hidden="true"
              className="grid size-8 place-items-center rounded-lg text-base text-white"
              style={{ backgroundColor: page.brandColor }}
            >
              {page.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <span>{page.name}</span>
          <span className="sr-only"> status</span>
        </a>
        <nav
          aria-label="Status page"
          className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-gray-700 dark:text-gray-300"
        >
          <a href={withBase("/history")} className="hover:underline">
            Incident history
          </a>
          {/* A menu that opens without JavaScript; MenuCloser adds Escape and outside clicks. */}
          <details data-menu className="relative">
            <summary className="cursor-pointer list-none rounded-md bg-indigo-700 px-3 py-1.5 font-medium text-white hover:bg-indigo-800 [&::-webkit-details-marker]:hidden">
              Subscribe to updates
            </summary>
            <ul className="absolute right-0 z-20 mt-2 w-56 space-y-1 rounded-lg border border-gray-200 bg-white p-2 shadow-lg dark:border-gray-700 dark:bg-gray-900">
              {(
                [
                  ["/subscribe", "Email, chat or webhook"],
                  ["/history.atom", "Atom feed"],
                  ["/history.rss", "RSS feed"],
                  ["/api/v2/summary.json", "JSON API (Statuspage-compatible)"],
                  ["/badge.svg", "Status badge"],
                ] as const
              ).map(([href, label]) => (
                <li key={href}>
                  <a href={withBase(href)} className="block rounded-md px-3 py-2 hover:bg-gray-100 dark:hover:bg-gray-800">
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </details>
          {page.supportUrl ? (
            <a href={page.supportUrl} className="hover:underline" rel="noopener">
              Support
            </a>
          ) : null}
        </nav>
      </div>
    </header>
  );
}

/** Says when the page was rendered: a cached copy tells readers how fresh it is. */
export function PageFooter({
  page,
  generatedAt,
  timeToggle = true,
}: {
  page: PageSettingsView;
  generatedAt: Date;
  /** False where the page puts the local-time switch beside its first time instead. */
  timeToggle?: boolean;
}) {
  return (
    <footer className="mx-auto max-w-3xl space-y-1 px-4 py-10 text-center text-sm text-gray-600 dark:text-gray-400">
      <p>
        Updated <Instant at={generatedAt} timeZone={page.timeZone} /> · Times in {page.timeZone.replaceAll("_", " ")}
      </p>
      {timeToggle ? <LocalTimeToggle pageTimeZone={page.timeZone} className="justify-center" /> : null}
      <p>{page.name} status · Powered by Upstate</p>
    </footer>
  );
}
