import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { readPurgeStatus } from "@/lib/edge/purge-status.ts";
import { describePurgeTarget, parsePurgeTarget } from "@/lib/edge/purge-target.ts";
import { emailConfigured } from "@/lib/subscribers/subscribe.ts";
import { EdgeCacheStatus } from "./edge-cache-status.tsx";
import { SettingsForm } from "./settings-form.tsx";
import { StaffSettings } from "./staff-settings.tsx";

export const metadata: Metadata = { title: "Page settings" };

export default async function SettingsPage() {
  await requireAdminPage("/admin/settings");
  const page = await getDb().pageSettings.findUnique({ where: { id: 1 } });
  return (
    <>
      <h1 className="text-2xl font-bold">Page settings</h1>
      {page ? (
        <p className="text-sm text-gray-700 dark:text-gray-300">
          This page&apos;s id in the API (<code>/api/v1/pages/&lt;id&gt;</code>):{" "}
          <code className="font-semibold">{page.pageId}</code>
          {" · "}
          <Link href="/admin/api-keys" className="underline">
            API keys
          </Link>
        </p>
      ) : null}
      <SettingsForm
        settings={{
          version: page?.version ?? 0,
          name: page?.name ?? "",
          publicUrl: page?.publicUrl ?? "",
          timeZone: page?.timeZone ?? "UTC",
          brandColor: page?.brandColor ?? "#4f46e5",
          logoUrl: page?.logoUrl ?? "",
          supportUrl: page?.supportUrl ?? "",
          subscribeChannels: page?.subscribeChannels ?? ["email", "webhook", "slack", "discord", "teams"],
          mailSenderName: page?.mailSenderName ?? "",
          mailReplyTo: page?.mailReplyTo ?? "",
        }}
        emailConfigured={emailConfigured()}
      />
      <EdgeCacheStatus target={edgePurgeTarget()} status={await readPurgeStatus(getDb())} timeZone={page?.timeZone ?? "UTC"} />
      <StaffSettings />
    </>
  );
}

function edgePurgeTarget(): string | null {
  try {
    const target = parsePurgeTarget();
    return target ? describePurgeTarget(target) : null;
  } catch (error) {
    return `misconfigured: ${(error as Error).message}`;
  }
}
