"use server";

import type { FormState } from "@/lib/forms/form-state.ts";
import {
  decodeAddTimelineEvent,
  decodeEditTimelineEvent,
  decodePublishPostmortem,
  decodeRemoveTimelineEvent,
  decodeSavePostmortem,
  readPostmortemIntent,
  readTimelineEventIntent,
} from "@/lib/forms/postmortem-forms.ts";
import { type ActionContext, runStaffAction } from "@/lib/forms/run-action.ts";
import { savePostmortem } from "@/lib/postmortems/save-postmortem.ts";
import { setPostmortemPublished } from "@/lib/postmortems/set-postmortem-published.ts";
import { addTimelineEvent } from "@/lib/timeline/add-timeline-event.ts";
import { editTimelineEvent } from "@/lib/timeline/edit-timeline-event.ts";
import { removeTimelineEvent } from "@/lib/timeline/remove-timeline-event.ts";

const PAGE = { path: (values: Record<string, string>) => `/admin/incidents/${values.incidentId}/postmortem` };

async function run(formData: FormData, work: (context: ActionContext) => Promise<string>): Promise<FormState> {
  return runStaffAction(formData, PAGE, work);
}

/** Saves the text, then publishes or unpublishes it when that button was the one pressed. */
export async function savePostmortemAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, timeZone, values }) => {
    const intent = readPostmortemIntent(values);
    // Decoded before saving, so a wrong publication time saves nothing.
    const publish = decodePublishPostmortem(values, { timeZone });
    const { version } = await savePostmortem({ db, actor, input: decodeSavePostmortem(values) });
    if (intent === "save") return "Saved.";
    const published = intent === "publish";
    await setPostmortemPublished({ db, actor, input: { ...publish, version }, published });
    return published ? "Published: the public page shows this postmortem." : "Unpublished: the public page no longer shows it.";
  });
}

export async function addTimelineEventAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, idempotency, timeZone, values }) => {
    await addTimelineEvent({ db, actor, idempotency, input: decodeAddTimelineEvent(values, { timeZone }) });
    return "Event added.";
  });
}

export async function editTimelineEventAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return run(formData, async ({ actor, db, timeZone, values }) => {
    if (readTimelineEventIntent(values) === "remove") {
      await removeTimelineEvent({ db, actor, input: decodeRemoveTimelineEvent(values) });
      return "Event removed.";
    }
    await editTimelineEvent({ db, actor, input: decodeEditTimelineEvent(values, { timeZone }) });
    return "Event saved.";
  });
}
