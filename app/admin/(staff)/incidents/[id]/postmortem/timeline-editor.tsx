"use client";

import { buttonClass } from "@/components/admin/button-styles.ts";
import { SelectField, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { TIMELINE_EVENT_KIND_LABELS, TIMELINE_EVENT_KINDS, type TimelineEventKind } from "@/lib/domain.ts";
import { addTimelineEventAction, editTimelineEventAction } from "./actions.ts";
import { NEW_EVENT, useReportDraft } from "./timeline-draft.tsx";

const KIND_OPTIONS = TIMELINE_EVENT_KINDS.map((k) => ({ value: k, label: TIMELINE_EVENT_KIND_LABELS[k] }));

/** `version` is the event's updatedAt in milliseconds when the page loaded it. */
export type EditableEvent = { id: string; atWall: string; kind: TimelineEventKind; text: string; version: number };

function EventFields({
  prefix,
  values,
  errors,
  event,
}: {
  prefix: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  event?: EditableEvent;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-[14rem_12rem_1fr]">
      <TextField
        name="at"
        id={`${prefix}-at`}
        type="datetime-local"
        label="When"
        defaultValue={values.at ?? event?.atWall}
        error={errors.at}
      />
      <SelectField
        name="kind"
        id={`${prefix}-kind`}
        label="What"
        options={KIND_OPTIONS}
        defaultValue={values.kind ?? event?.kind ?? "other"}
        error={errors.kind}
      />
      <TextField
        name="text"
        id={`${prefix}-text`}
        label="Description"
        defaultValue={values.text ?? event?.text}
        error={errors.text}
      />
    </div>
  );
}

export function EditEventForm({ incidentId, event }: { incidentId: string; event: EditableEvent }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(editTimelineEventAction);
  const reportDraft = useReportDraft(event.id, formRef, state.seq);
  return (
    <form key={state.seq} ref={formRef} action={formAction} onChange={reportDraft} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="eventId" value={event.id} />
      <input type="hidden" name="version" value={values.version ?? String(event.version)} />
      <EventFields prefix={`event-${event.id}`} values={values} errors={errors} event={event} />
      <div className="flex gap-3">
        <button type="submit" name="intent" value="save" className={buttonClass("plain")}>
          Save event
        </button>
        <button type="submit" name="intent" value="remove" className={buttonClass("plain")}>
          Remove event
        </button>
      </div>
    </form>
  );
}

export function AddEventForm({ incidentId }: { incidentId: string }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(addTimelineEventAction);
  const reportDraft = useReportDraft(NEW_EVENT, formRef, state.seq);
  return (
    <form key={state.seq} ref={formRef} action={formAction} onChange={reportDraft} className="space-y-3" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <EventFields prefix="new-event" values={values} errors={errors} />
      <SubmitButton>Add event</SubmitButton>
    </form>
  );
}
