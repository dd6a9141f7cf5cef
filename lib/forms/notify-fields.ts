import { z } from "zod";

// How the "Notify subscribers" box and the maintenance reminder select (components/admin/
// notify-field.tsx) read in a submitted form, as functions and as fields of a form's decoder.

/** The box's value in a submitted form: absent (unticked) is false. */
export function readDeliverNotifications(values: Record<string, string>): boolean {
  return values.deliverNotifications === "yes";
}

/** The reminder select's value: null for none; the domain validates the number's range. */
export function readRemindBeforeMinutes(values: Record<string, string>): number | null | undefined {
  const value = values.remindBeforeMinutes;
  if (value === undefined || value === "") return undefined;
  if (value === "none") return null;
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

export const deliverNotificationsBox = z
  .string()
  .optional()
  .transform((sent) => readDeliverNotifications(sent === undefined ? {} : { deliverNotifications: sent }));

export const remindBeforeMinutesSelect = z
  .string()
  .optional()
  .transform((sent) => readRemindBeforeMinutes(sent === undefined ? {} : { remindBeforeMinutes: sent }));
