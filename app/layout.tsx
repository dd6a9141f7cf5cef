import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/hydration-marker.tsx";
import { getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { pageMetadata } from "@/lib/urls/page-metadata.ts";
import "./globals.css";
import { withBase } from "@/lib/urls/base-path.ts";

const inter = localFont({ src: "./inter-latin-wght-normal.woff2", variable: "--font-inter", display: "swap", weight: "100 900" });

export async function generateMetadata(): Promise<Metadata> {
  // Without a database (a build, or PostgreSQL down while cached pages are served) the public URL
  // still comes from PUBLIC_URL, never from the request.
  const page = await Promise.resolve()
    .then(() => getPageSettings(getDb()))
    .catch(() => ({ name: "Status", publicUrl: null }));
  return {
    title: { default: "Status", template: "%s" },
    icons: { icon: withBase("/favicon.svg") },
    ...pageMetadata({ pageName: page.name, pagePublicUrl: page.publicUrl }),
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f9fafb" },
    { media: "(prefers-color-scheme: dark)", color: "#030712" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">
        {children}
        <HydrationMarker />
      </body>
    </html>
  );
}
