"use server";

import { readDeliverNotifications } from "@/components/admin/notify-field.tsx";
import type { TimelineEventKind } from "@/lib/domain.ts";
import { InvalidError } from "@/lib/errors.ts";
import { type FormState, readWallTime } from "@/lib/forms/form-state.ts";
import { type ActionContext, runStaffAction } from "@/lib/forms/run-action.ts";
import { savePostmortem } from "@/lib/postmortems/save-postmortem.ts";
import { setPostmortemPublished } from "@/lib/postmortems/set-postmortem-published.ts";
import { addTimelineEvent } from "@/lib/timeline/add-timeline-event.ts";
import { editTimelineEvent } from "@/lib/timeline/edit-timeline-event.ts";
import { removeTimelineEvent } from "@/lib/timeline/remove-timeline-event.ts";

const PAGE = { path: (v: Record<string, string>) => `/admin/incidents/${v.incidentId}/postmortem` };

async function run(formData: FormData, work: (context: ActionContext) => Promise<string>): Promise<FormState> {
  return runStaffAction(formData, PAGE, work);
}

/** Saves the text, then publishes or unpublishes it when that button was the one pressed. */
export async function savePostmortemAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, timeZone, values }) => {
    const publishedAt = readWallTime(values, "publishedAt", timeZone);
    const incidentId = values.incidentId ?? "";
    const { version } = await savePostmortem({
      db,
      actor,
      input: { incidentId, version: values.version ? Number(values.version) : null, body: values.body ?? "" },
    });
    if (values.intent === "publish" || values.intent === "unpublish") {
      const published = values.intent === "publish";
      await setPostmortemPublished({
        db,
        actor,
        input: { incidentId, version, publishedAt, deliverNotifications: readDeliverNotifications(values) },
        published,
      });
      return published ? "Published: the public page shows this postmortem." : "Unpublished: the public page no longer shows it.";
    }
    return "Saved.";
  });
}

function readEvent(values: Record<string, string>, timeZone: string) {
  const at = readWallTime(values, "at", timeZone);
  if (!at) throw new InvalidError("Some fields need attention.", { at: "Enter when it happened." });
  return { at, kind: values.kind as TimelineEventKind, text: values.text ?? "" };
}

export async function addTimelineEventAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    await addTimelineEvent({
      db,
      actor,
      idempotency,
      input: { incidentId: values.incidentId ?? "", ...readEvent(values, timeZone) },
    });
    return "Event added.";
  });
}

export async function editTimelineEventAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, timeZone, values }) => {
    if (values.intent === "remove") {
      await removeTimelineEvent({ db, actor, input: { eventId: values.eventId ?? "" } });
      return "Event removed.";
    }
    await editTimelineEvent({
      db,
      actor,
      input: {
        eventId: values.eventId ?? "",
        loadedAt: new Date(values.version ? Number(values.version) : Number.NaN),
        ...readEvent(values, timeZone),
      },
    });
    return "Event saved.";
  });
}
