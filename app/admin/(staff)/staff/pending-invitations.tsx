import { Card } from "@/components/admin/card.tsx";
import { getDb } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { InviteForm, RevokeInvitationForm } from "./invitation-forms.tsx";

/** Inviting staff by link, and the invitations not yet accepted. */
export async function PendingInvitations({ timeZone }: { timeZone: string }) {
  const pending = await getDb().staffInvitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return (
    <Card id="invite-staff" title="Invite a staff member">
      <p className="mb-3 text-sm text-gray-600 dark:text-gray-400">
        They get a link to choose their own name and password: nobody passes a password on.
      </p>
      <InviteForm />
      {pending.length ? (
        <>
          <h3 className="mt-6 mb-2 font-semibold">Pending invitations</h3>
          <ul className="divide-y divide-gray-200 dark:divide-gray-800">
            {pending.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-semibold">{invitation.email}</span> · {invitation.role}
                  <span className="block text-sm text-gray-600 dark:text-gray-400">
                    expires {formatInstant(invitation.expiresAt, timeZone)}
                  </span>
                </span>
                <RevokeInvitationForm invitation={{ id: invitation.id, email: invitation.email }} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
