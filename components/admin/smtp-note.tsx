/** Shown where email would be offered while no SMTP server is configured. */
export function SmtpNote() {
  return (
    <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
      Email subscriptions are off: this server has no mail server configured. Set <code>SMTP_URL</code> (and{" "}
      <code>MAIL_FROM</code>) and restart to offer email.
    </p>
  );
}
