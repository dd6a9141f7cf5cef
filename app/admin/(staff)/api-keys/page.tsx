import type { Metadata } from "next";
import { Card } from "@/components/admin/card.tsx";
import { listApiKeys } from "@/lib/api-keys/queries.ts";
import { SCOPE_DESCRIPTIONS } from "@/lib/api-keys/scope-descriptions.ts";
import { API_SCOPES } from "@/lib/auth/actor.ts";
import { requireStaffPageFor } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { getPageId, getPageSettings } from "@/lib/page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { CreateApiKeyForm, RevokeApiKeyForm } from "./api-key-forms.tsx";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireStaffPageFor("/admin/api-keys", "apiKey.manage");
  const db = getDb();
  const [keys, page, pageId] = await Promise.all([listApiKeys(db), getPageSettings(db), getPageId(db)]);
  const when = (instant: Date | null, none: string) => (instant ? formatInstant(instant, page.timeZone) : none);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">API keys</h1>
      <p className="text-sm text-gray-700 dark:text-gray-300">
        Scripts and alerting tools use a key to write to this page through <code>/api/v1</code>, sending{" "}
        <code>Authorization: OAuth &lt;key&gt;</code> (or <code>Bearer &lt;key&gt;</code>). This page&apos;s id in the API:{" "}
        <code className="font-semibold" data-testid="page-id">
          {pageId ?? "(saved with the page settings)"}
        </code>
      </p>
      {keys.length === 0 ? (
        <p>No API keys yet.</p>
      ) : (
        <ul
          aria-label="API keys"
          className="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900"
        >
          {keys.map((key) => (
            <li key={key.id} className="space-y-2 p-4" aria-label={key.name}>
              <p className="break-words">
                <span className="font-semibold">{key.name}</span> · <code>{key.prefix}…</code> · {key.scopes.join(", ")}
                {key.revokedAt ? (
                  <span className="ml-1 rounded bg-gray-200 px-1.5 py-0.5 text-xs font-semibold dark:bg-gray-700">
                    revoked {when(key.revokedAt, "")}
                  </span>
                ) : null}
              </p>
              <p className="text-sm text-gray-600 dark:text-gray-400">
                Created {when(key.createdAt, "")} by {key.createdBy ?? "Upstate (UPSTATE_BOOTSTRAP_API_KEY)"} · last used{" "}
                {when(key.lastUsedAt, "never")}
              </p>
              {key.revokedAt ? null : <RevokeApiKeyForm apiKey={{ id: key.id, name: key.name }} />}
            </li>
          ))}
        </ul>
      )}
      <Card id="new-api-key-card" title="Create an API key">
        <CreateApiKeyForm scopes={API_SCOPES.map((scope) => ({ scope, description: SCOPE_DESCRIPTIONS[scope] }))} />
      </Card>
    </div>
  );
}
