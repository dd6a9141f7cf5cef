import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { emailConfigured } from "@/lib/subscribers/subscribe.ts";
import { SettingsForm } from "./settings-form.tsx";
import { StaffSettings } from "./staff-settings.tsx";

export const metadata: Metadata = { title: "Page settings" };

export default async function SettingsPage() {
  await requireAdminPage("/admin/settings");
  const page = await getDb().pageSettings.findUnique({ where: { id: 1 } });
  return (
    <>
      <h1 className="text-2xl font-bold">Page settings</h1>
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
      <StaffSettings />
    </>
  );
}
