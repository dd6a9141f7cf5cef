/**
 * The "Notify subscribers" box of every form that posts an update, stored as the update's
 * `deliver_notifications` (Statuspage's name). Ticked when the form opens; after an error it
 * shows what was submitted, where an unticked box is absent.
 */
export function NotifyField({ values, id = "deliverNotifications" }: { values: Record<string, string>; id?: string }) {
  const submitted = Object.keys(values).length > 0;
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm">
      <input
        id={id}
        type="checkbox"
        name="deliverNotifications"
        value="yes"
        defaultChecked={submitted ? values.deliverNotifications === "yes" : true}
        className="size-4"
      />
      Notify subscribers
    </label>
  );
}

/** How long before a maintenance window subscribers are reminded of it. */
export const REMIND_OPTIONS = [
  { value: "none", label: "No reminder" },
  { value: "15", label: "15 minutes before" },
  { value: "30", label: "30 minutes before" },
  { value: "60", label: "1 hour before" },
  { value: "120", label: "2 hours before" },
  { value: "1440", label: "1 day before" },
] as const;
