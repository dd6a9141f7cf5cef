import type { Metadata } from "next";
import { Card } from "@/components/admin/card.tsx";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { getOwnAccount } from "@/lib/users/own-account.ts";
import { ChangePasswordForm, ConfirmTotpForm, DisableTotpForm, StartTotpForm } from "./account-forms.tsx";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const staff = await requireStaffPage("/admin/account");
  const db = getDb();
  const [account, page] = await Promise.all([getOwnAccount(db, staff.id), getPageSettings(db)]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      <p>
        {account.name} · <span className="font-semibold">{account.email}</span> · {account.role}
      </p>
      {account.mustEnrol ? (
        <p
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          An admin requires two-factor for accounts with a password. Turn it on below to use the admin.
        </p>
      ) : null}
      <Card id="password" title="Password">
        {account.hasPassword ? (
          <ChangePasswordForm />
        ) : (
          <p className="text-sm">
            Your account signs in with single sign-on, so it has no password here. Change it, and set up two-factor, with your
            identity provider.
          </p>
        )}
      </Card>
      {account.hasPassword ? (
        <Card id="two-factor" title="Two-factor authentication">
          {account.twoFactor.state === "on" ? (
            <>
              <p className="mb-3 text-sm">
                On since {account.twoFactor.since(page.timeZone)}. Recovery codes left: {account.twoFactor.recoveryCodesLeft}.
              </p>
              <DisableTotpForm />
            </>
          ) : account.twoFactor.state === "pending" ? (
            <ConfirmTotpForm secret={account.twoFactor.secret} uri={account.twoFactor.uri} />
          ) : (
            <>
              <p className="mb-3 text-sm">
                Off. With it on, signing in asks for a code from an authenticator app after your password.
              </p>
              <StartTotpForm />
            </>
          )}
        </Card>
      ) : null}
    </div>
  );
}
