import { createEvent } from "ics";

export type CalendarWindow = {
  id: string;
  name: string;
  scheduledFor: Date;
  scheduledUntil: Date;
  /** The maintenance's public page. */
  url: string;
  pageName: string;
};

/**
 * A maintenance window as an iCalendar file for "Add to calendar". The UID stays the same for a
 * window, so a calendar that imports the file again after a reschedule moves the event rather
 * than adding a second one.
 */
export function maintenanceCalendar(window: CalendarWindow): string {
  const { error, value } = createEvent({
    productId: "upstate/status-page",
    uid: `maintenance-${window.id}@upstate`,
    title: `${window.pageName}: ${window.name}`,
    description: `Scheduled maintenance on the ${window.pageName} status page: ${window.url}`,
    url: window.url,
    start: window.scheduledFor.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: window.scheduledUntil.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: "CONFIRMED",
    busyStatus: "FREE",
  });
  if (error || !value) throw error ?? new Error("could not build the calendar event");
  return value;
}
