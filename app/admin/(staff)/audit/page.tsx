import type { Metadata } from "next";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { SelectField, TextField } from "@/components/admin/fields.tsx";
import { AUDIT_PAGE_SIZE, listAuditEntries, listAuditTargetTypes } from "@/lib/audit/queries.ts";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function AuditPage({ searchParams }: Props) {
  await requireStaffPage("/admin/audit");
  const params = await searchParams;
  const filter = { actor: one(params.actor), targetType: one(params.targetType), action: one(params.action) };
  const db = getDb();
  const [entries, types, page] = await Promise.all([listAuditEntries(db, filter), listAuditTargetTypes(db), getPageSettings(db)]);
  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <form method="get" className="mt-4 grid items-end gap-3 sm:grid-cols-4">
        <TextField name="actor" label="Who (email)" defaultValue={filter.actor} />
        <SelectField
          name="targetType"
          label="What kind"
          defaultValue={filter.targetType}
          options={[{ value: "", label: "Everything" }, ...types.map((t) => ({ value: t, label: t }))]}
        />
        <TextField name="action" label="Action contains" defaultValue={filter.action} />
        <button type="submit" className={buttonClass("plain")}>
          Filter
        </button>
      </form>
      <p className="mt-4 text-sm text-gray-600 dark:text-gray-400">
        Newest first; at most {AUDIT_PAGE_SIZE} entries. Times in {page.timeZone}.
      </p>
      <ol className="mt-2 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900">
        {entries.map((entry) => (
          <li key={entry.id} className="p-3 text-sm">
            <p>
              <span className="font-semibold">{entry.actorEmail ?? "unknown"}</span> · <code>{entry.action}</code> ·{" "}
              {entry.targetType}
              {entry.targetId ? ` ${entry.targetId}` : ""} · {formatInstant(entry.at, page.timeZone)}
            </p>
            {entry.before !== null || entry.after !== null ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-indigo-700 dark:text-indigo-300">Before and after</summary>
                <div className="mt-2 grid gap-2 md:grid-cols-2">
                  <pre className="overflow-x-auto rounded bg-gray-100 p-2 text-xs dark:bg-gray-800">
                    {JSON.stringify(entry.before, null, 2)}
                  </pre>
                  <pre className="overflow-x-auto rounded bg-gray-100 p-2 text-xs dark:bg-gray-800">
                    {JSON.stringify(entry.after, null, 2)}
                  </pre>
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
