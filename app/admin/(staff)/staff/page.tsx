import type { Metadata } from "next";
import { Card } from "@/components/admin/card.tsx";
import { requireAdminPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { listStaffAccounts } from "@/lib/users/queries.ts";
import { PendingInvitations } from "./pending-invitations.tsx";
import { CreateUserForm, UserAccessForm } from "./staff-forms.tsx";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  await requireAdminPage("/admin/staff");
  const db = getDb();
  const [users, page] = await Promise.all([listStaffAccounts(db), getPageSettings(db)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Staff</h1>
      <ul className="divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white dark:divide-gray-800 dark:border-gray-800 dark:bg-gray-900">
        {users.map((u) => (
          <li key={u.id} className="space-y-2 p-4">
            <p>
              <span className="font-semibold">{u.email}</span> · {u.name} · {u.role}
              {u.disabled ? " · disabled" : ""}
              <span className="block text-sm text-gray-600 dark:text-gray-400">
                {u.lastSignInAt ? `last signed in ${formatInstant(u.lastSignInAt, page.timeZone)}` : "never signed in"}
              </span>
            </p>
            <UserAccessForm user={{ id: u.id, email: u.email, role: u.role, disabled: u.disabled }} />
          </li>
        ))}
      </ul>
      <PendingInvitations timeZone={page.timeZone} />
      <Card id="new-staff" title="Add a staff member">
        <CreateUserForm />
      </Card>
    </div>
  );
}
