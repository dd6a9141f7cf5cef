"use client";

import { startTransition, useEffect, useRef } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { SelectField, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, newIdempotencyToken, SubmitButton, useAdminForm } from "@/components/admin/form-parts.tsx";
import { TIMELINE_EVENT_KIND_LABELS, TIMELINE_EVENT_KINDS, type TimelineEventKind } from "@/lib/domain.ts";
import { IDEMPOTENCY_FIELD } from "@/lib/idempotency/form-field.ts";
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

const NEW_EVENT_DEFAULTS = { at: "", kind: "other", text: "" } as const;

/**
 * Adding an event. The form stays mounted after an answer, unlike the others: what was typed while
 * the event was saving (the next event, started at once) is kept, and only the fields still
 * holding what was sent are emptied. It takes a new one-submission token for the next event.
 */
export function AddEventForm({ incidentId }: { incidentId: string }) {
  const { state, formAction, formRef, values, errors } = useAdminForm(addTimelineEventAction);
  const reportDraft = useReportDraft(NEW_EVENT, formRef, state.seq);
  const sent = useRef<Record<string, string> | null>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!form || state.status !== "saved" || !sent.current) return;
    for (const [name, empty] of Object.entries(NEW_EVENT_DEFAULTS)) {
      const field = form.elements.namedItem(name);
      if ((field instanceof HTMLInputElement || field instanceof HTMLSelectElement) && field.value === sent.current[name])
        field.value = empty;
    }
    sent.current = null;
    const token = form.elements.namedItem(IDEMPOTENCY_FIELD);
    if (token instanceof HTMLInputElement) token.value = newIdempotencyToken();
    reportDraft();
  }, [state, formRef, reportDraft]);
  return (
    <form
      ref={formRef}
      action={formAction}
      onChange={reportDraft}
      onSubmit={(event) => {
        // Sent by hand: React resets a form whose `action` ran, which would wipe the typing (the
        // `action` stays for a browser without JavaScript).
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        sent.current = Object.fromEntries(Object.keys(NEW_EVENT_DEFAULTS).map((name) => [name, String(data.get(name) ?? "")]));
        startTransition(() => formAction(data));
      }}
      className="space-y-3"
      noValidate
    >
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <EventFields prefix="new-event" values={values} errors={errors} />
      <SubmitButton>Add event</SubmitButton>
    </form>
  );
}

/** An event the incident's updates suggest (lib/timeline/propose-events.ts), added as it is with one button. */
export function ProposedEventForm({
  incidentId,
  proposal,
}: {
  incidentId: string;
  proposal: { atWall: string; when: string; kind: TimelineEventKind; text: string };
}) {
  const { state, formAction, formRef } = useAdminForm(addTimelineEventAction);
  const label = TIMELINE_EVENT_KIND_LABELS[proposal.kind];
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-2" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="at" value={proposal.atWall} />
      <input type="hidden" name="kind" value={proposal.kind} />
      <input type="hidden" name="text" value={proposal.text} />
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-[14rem] flex-1 text-sm">
          {proposal.when} · <span className="font-medium">{label}</span> · {proposal.text}
        </p>
        <SubmitButton tone="plain">Add “{label}”</SubmitButton>
      </div>
    </form>
  );
}
