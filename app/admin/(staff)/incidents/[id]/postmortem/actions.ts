"use server";

import { revalidatePath } from "next/cache";
import { type FormState, readWallTime, saved, submittedValues, toFormState } from "@/app/admin/form-state.ts";
import type { Actor } from "@/lib/auth/actor.ts";
import { requireStaff } from "@/lib/auth/require-staff.ts";
import { type Db, getDb } from "@/lib/db/client.ts";
import type { TimelineEventKind } from "@/lib/domain.ts";
import { InvalidError } from "@/lib/errors.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { savePostmortem } from "@/lib/postmortems/save-postmortem.ts";
import { setPostmortemPublished } from "@/lib/postmortems/set-postmortem-published.ts";
import { addTimelineEvent } from "@/lib/timeline/add-timeline-event.ts";
import { editTimelineEvent } from "@/lib/timeline/edit-timeline-event.ts";
import { removeTimelineEvent } from "@/lib/timeline/remove-timeline-event.ts";

type Context = { actor: Actor; db: Db; timeZone: string; values: Record<string, string> };

async function run(formData: FormData, work: (context: Context) => Promise<string>): Promise<FormState> {
  const values = submittedValues(formData);
  try {
    const actor = await requireStaff();
    const db = getDb();
    const { timeZone } = await getPageSettings(db);
    const message = await work({ actor, db, timeZone, values });
    revalidatePath(`/admin/incidents/${values.incidentId}/postmortem`);
    return saved(message);
  } catch (error) {
    return toFormState(error, values);
  }
}

/** Saves the text, then publishes or unpublishes it when that button was the one pressed. */
export async function savePostmortemAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, values }) => {
    const incidentId = values.incidentId ?? "";
    const { version } = await savePostmortem({
      db,
      actor,
      input: { incidentId, version: values.version ? Number(values.version) : null, body: values.body ?? "" },
    });
    if (values.intent === "publish" || values.intent === "unpublish") {
      const published = values.intent === "publish";
      await setPostmortemPublished({ db, actor, input: { incidentId, version }, published });
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
  return run(formData, async ({ actor, db, timeZone, values }) => {
    await addTimelineEvent({ db, actor, input: { incidentId: values.incidentId ?? "", ...readEvent(values, timeZone) } });
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
      input: { eventId: values.eventId ?? "", loadedAt: new Date(values.loadedAt ?? ""), ...readEvent(values, timeZone) },
    });
    return "Event saved.";
  });
}
