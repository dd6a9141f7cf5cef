"use client";

import { useRouter } from "next/navigation";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { previewForCustomersAction, setIncidentImpactAction } from "@/app/admin/(staff)/incidents/preview-actions.ts";
import { Markdown } from "@/components/status/markdown.tsx";
import { StatusIcon } from "@/components/status/status-icon.tsx";
import { IMPACT_TONE, INDICATOR_TONE, TONE_SOLID, TONE_TEXT } from "@/components/status/status-styles.ts";
import type { Indicator } from "@/lib/components/overall-status.ts";
import { COMPONENT_STATUS_LABELS, INCIDENT_STATUS_LABELS, type IncidentStatus } from "@/lib/domain.ts";
import type { CustomerPreview } from "@/lib/incidents/preview-for-customers.ts";
import { buttonClass } from "./button-styles.ts";

/** The impact that matches a banner the components alone give. */
const IMPACT_OF_INDICATOR: Record<Indicator, "none" | "minor" | "major" | "critical"> = {
  none: "none",
  maintenance: "none",
  minor: "minor",
  major: "major",
  critical: "critical",
};

function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === "string") values[name] = value;
  return values;
}

/**
 * "Preview for customers": the banner phrase and colour, the incident's impact, the components
 * that change and the update as it will read, computed on the server by the public page's own
 * functions (lib/incidents/preview-for-customers.ts) from what the form holds, refreshed as it
 * changes. When the incident's impact alone would hold the banner worse than its components, it
 * says so and offers to lower the impact. Needs JavaScript; without it the form works as before.
 */
export function CustomerPreviewPanel({
  formRef,
  incidentId,
}: {
  formRef: RefObject<HTMLFormElement | null>;
  incidentId?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<CustomerPreview | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const asked = useRef(0);
  const panelRef = useRef<HTMLDetailsElement>(null);

  const refresh = useCallback(async () => {
    const form = formRef.current;
    if (!form) return;
    const current = formValues(form);
    const ask = ++asked.current;
    const answer = await previewForCustomersAction(current).catch(() => null);
    if (ask !== asked.current) return; // a newer question went out meanwhile
    setValues(current);
    setPreview(answer);
    setProblem(answer ? null : "The preview could not be computed; the form still works.");
  }, [formRef]);

  useEffect(() => {
    const form = formRef.current;
    if (!open || !form) return;
    void refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 400);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // The picker adds and removes selects without an input event.
    const observer = new MutationObserver((mutations) => {
      // Its own rendering is no change to the form.
      if (mutations.some((m) => !panelRef.current?.contains(m.target))) later();
    });
    observer.observe(form, { childList: true, subtree: true });
    return () => {
      clearTimeout(timer);
      form.removeEventListener("input", later);
      form.removeEventListener("change", later);
      observer.disconnect();
    };
  }, [open, formRef, refresh]);

  const lower = async (impact: string) => {
    if (!incidentId) return;
    const result = await setIncidentImpactAction(incidentId, impact);
    if (result.error) setProblem(result.error);
    router.refresh();
    await refresh();
  };

  const status = values.status as IncidentStatus | undefined;
  return (
    <details
      ref={panelRef}
      className="rounded-md border border-gray-300 p-3 dark:border-gray-700"
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="cursor-pointer text-sm font-medium">Preview for customers</summary>
      <div className="mt-3 space-y-3 text-sm" aria-live="polite">
        {problem ? <p className="text-red-700 dark:text-red-400">{problem}</p> : null}
        {preview ? (
          <>
            <div
              className={`flex items-center gap-2 rounded-md px-3 py-2 font-semibold text-white ${TONE_SOLID[INDICATOR_TONE[preview.banner.indicator]]}`}
            >
              <StatusIcon tone={INDICATOR_TONE[preview.banner.indicator]} className="size-5 shrink-0 text-white/25" />
              <span>
                <span className="sr-only">Banner: </span>
                {preview.banner.description}
              </span>
            </div>
            <ul className="space-y-1">
              <li>
                Banner now: {preview.bannerNow.description}
                {preview.bannerNow.description === preview.banner.description ? " (unchanged)" : ""}
              </li>
              <li>
                Incident impact:{" "}
                <span className={`font-semibold ${TONE_TEXT[IMPACT_TONE[preview.impact]]}`}>{preview.impact}</span>
              </li>
              {preview.changes.length > 0 ? (
                preview.changes.map((c) => (
                  <li key={c.id}>
                    {c.name}: {COMPONENT_STATUS_LABELS[c.from]} →{" "}
                    <span className="font-semibold">{COMPONENT_STATUS_LABELS[c.to]}</span>
                  </li>
                ))
              ) : (
                <li>No component changes status.</li>
              )}
            </ul>
            {preview.impactHoldsBanner ? (
              <div className="rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100">
                <p>
                  The components read “{preview.componentsOnly.description}”, but this incident’s impact ({preview.impact}) keeps
                  the banner at “{preview.banner.description}”.
                </p>
                {incidentId ? (
                  <button
                    type="button"
                    onClick={() => void lower(IMPACT_OF_INDICATOR[preview.componentsOnly.indicator])}
                    className={`mt-2 ${buttonClass("plain")}`}
                  >
                    Lower the impact to {IMPACT_OF_INDICATOR[preview.componentsOnly.indicator]}
                  </button>
                ) : null}
              </div>
            ) : null}
            {values.message?.trim() ? (
              <div className="rounded-md border border-dashed border-gray-300 p-3 dark:border-gray-700">
                <p className="font-semibold">{status ? INCIDENT_STATUS_LABELS[status] : ""}</p>
                <Markdown source={values.message} />
              </div>
            ) : null}
          </>
        ) : problem ? null : (
          <p>Computing…</p>
        )}
      </div>
    </details>
  );
}
