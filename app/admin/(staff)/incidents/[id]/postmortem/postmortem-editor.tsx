"use client";

import { useEffect, useState } from "react";
import { buttonClass } from "@/components/admin/button-styles.ts";
import { FieldError, TextField } from "@/components/admin/fields.tsx";
import { FormMessage, useAdminForm } from "@/components/admin/form-parts.tsx";
import { NotifyField } from "@/components/admin/notify-field.tsx";
import { type PickableTemplate, TemplatePicker } from "@/components/admin/template-picker.tsx";
import { Markdown } from "@/components/status/markdown.tsx";
import { withTimelineSection } from "@/lib/postmortems/timeline-markdown.ts";
import { savePostmortemAction } from "./actions.ts";

/**
 * Markdown on the left, and beside it exactly what the public page will render. A new postmortem
 * starts from the first postmortem template, and the others are offered beside it (never replacing
 * typing without asking); "Insert the timeline" writes the structured timeline into
 * its Timeline section (page zone and UTC side by side), so the two never disagree. Leaving the
 * page with unsaved text asks first.
 */
export function PostmortemEditor({
  incidentId,
  postmortem,
  templates,
  start,
  timeline,
  timeZone,
}: {
  incidentId: string;
  postmortem: { body: string; version: number; published: boolean; publishedAtWall: string } | null;
  /** The postmortem templates, by name. */
  templates: PickableTemplate[];
  /** Where a new postmortem starts: the first template's text (or the built-in one). */
  start: { body: string; templateId: string | null };
  timeline: { at: string; text: string }[];
  timeZone: string;
}) {
  const { state, formAction, formRef, values, errors } = useAdminForm(savePostmortemAction);
  const initial = values.body ?? postmortem?.body ?? start.body;
  const startedFrom = values.body === undefined && !postmortem ? templates.find((t) => t.id === start.templateId) : undefined;
  const [body, setBody] = useState(initial);
  // Typed since the page (or the last answer) came, or sent back unsaved by an error.
  const unsaved = body !== initial || (values.body !== undefined && values.body !== postmortem?.body);
  useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [unsaved]);
  const published = postmortem?.published ?? false;
  return (
    <form key={state.seq} ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} formRef={formRef} />
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="version" value={values.version ?? (postmortem ? String(postmortem.version) : "")} />
      <p className="text-sm">
        {postmortem
          ? published
            ? "Published: changes you save show on the public page at once."
            : "Draft: invisible to the public."
          : "Not written yet."}
      </p>
      <div className="max-w-sm">
        <TemplatePicker templates={templates} formRef={formRef} fields={{ message: "body" }} startedFrom={startedFrom} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <label htmlFor="postmortem-body" className="block text-sm font-medium">
            Postmortem (markdown)
          </label>
          <textarea
            id="postmortem-body"
            name="body"
            rows={18}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={errors.body ? "postmortem-body-error" : undefined}
            className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 font-mono text-sm dark:border-gray-600 dark:bg-gray-900"
          />
          <FieldError id="postmortem-body" error={errors.body} />
          {timeline.length > 0 ? (
            <button
              type="button"
              onClick={() =>
                setBody((text) =>
                  withTimelineSection(
                    text,
                    timeline.map((e) => ({ at: new Date(e.at), text: e.text })),
                    timeZone,
                  ),
                )
              }
              className={`mt-2 ${buttonClass("plain")}`}
            >
              Insert the timeline
            </button>
          ) : null}
        </div>
        <section aria-label="Preview" className="rounded-md border border-dashed border-gray-300 p-4 dark:border-gray-700">
          <h3 className="mb-2 text-xs font-semibold text-gray-600 uppercase dark:text-gray-400">Preview</h3>
          {body.trim() ? (
            <Markdown source={body} />
          ) : (
            <p className="text-sm text-gray-600 dark:text-gray-400">Nothing to preview yet.</p>
          )}
        </section>
      </div>
      <div className="max-w-xs">
        <TextField
          name="publishedAt"
          id="postmortem-published-at"
          type="datetime-local"
          label="Published at"
          hint="Leave empty to publish now; fill it in for a postmortem published earlier."
          defaultValue={values.publishedAt ?? postmortem?.publishedAtWall ?? ""}
          error={errors.publishedAt}
        />
      </div>
      {published ? null : <NotifyField values={values} id="postmortem-notify" />}
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="save" className={buttonClass(published ? "primary" : "plain")}>
          {published ? "Save" : "Save draft"}
        </button>
        {published ? (
          <button type="submit" name="intent" value="unpublish" className={buttonClass("plain")}>
            Unpublish
          </button>
        ) : (
          <button type="submit" name="intent" value="publish" className={buttonClass()}>
            Save and publish
          </button>
        )}
      </div>
    </form>
  );
}
