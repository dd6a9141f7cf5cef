import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/admin/card.tsx";
import { TimelineSection } from "@/components/status/timeline-section.tsx";
import { requireStaffPage } from "@/lib/auth/require-staff.ts";
import { getDb } from "@/lib/db/client.ts";
import { TIMELINE_EVENT_KIND_LABELS } from "@/lib/domain.ts";
import { getIncidentForStaff } from "@/lib/incidents/admin-queries.ts";
import { getPageSettings } from "@/lib/page/queries.ts";
import { postmortemStart } from "@/lib/postmortems/starting-text.ts";
import { listTemplates } from "@/lib/templates/queries.ts";
import { formatInstant } from "@/lib/time/format-instant.ts";
import { toWallTime } from "@/lib/time/wall-time.ts";
import { proposeTimelineEvents } from "@/lib/timeline/propose-events.ts";
import { PostmortemEditor } from "./postmortem-editor.tsx";
import { TimelineDraftProvider } from "./timeline-draft.tsx";
import { AddEventForm, EditEventForm, ProposedEventForm } from "./timeline-editor.tsx";

export const metadata: Metadata = { title: "Postmortem and timeline" };

type Props = { params: Promise<{ id: string }> };

export default async function PostmortemPage({ params }: Props) {
  const { id } = await params;
  await requireStaffPage(`/admin/incidents/${id}/postmortem`);
  const db = getDb();
  const [incident, page, templates] = await Promise.all([
    getIncidentForStaff(db, id),
    getPageSettings(db),
    listTemplates(db, "postmortem"),
  ]);
  if (!incident) notFound();
  const tz = page.timeZone;
  const proposals = proposeTimelineEvents(
    incident.updates,
    incident.timelineEvents.map((e) => e.kind),
  );
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`/admin/incidents/${incident.id}`} className="hover:underline">
            ← {incident.name}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold">Postmortem and timeline</h1>
      </div>
      <Card id="postmortem-heading" title="Postmortem">
        <PostmortemEditor
          incidentId={incident.id}
          templates={templates.map((t) => ({ id: t.id, name: t.name, title: null, status: null, body: t.body }))}
          start={postmortemStart(templates)}
          timeZone={tz}
          timeline={incident.timelineEvents.map((e) => ({ at: e.at.toISOString(), text: e.text }))}
          postmortem={
            incident.postmortem
              ? {
                  body: incident.postmortem.body,
                  version: incident.postmortem.version,
                  published: incident.postmortem.publishedAt !== null,
                  publishedAtWall: incident.postmortem.publishedAt ? toWallTime(incident.postmortem.publishedAt, tz) : "",
                }
              : null
          }
        />
      </Card>
      <Card id="timeline-editor-heading" title="Edit the timeline">
        <p className="text-sm text-gray-600 dark:text-gray-400">
          Times in the page's time zone ({tz}); events are listed by time.
        </p>

        <TimelineDraftProvider
          events={incident.timelineEvents.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind }))}
          startedAt={incident.startedAt.toISOString()}
          timeZone={tz}
        >
          <ol className="mt-4 space-y-3">
            {incident.timelineEvents.map((event) => (
              <li key={event.id}>
                <details className="rounded-md border border-gray-200 p-3 dark:border-gray-800">
                  <summary className="cursor-pointer text-sm">
                    {formatInstant(event.at, tz)} · <span className="font-medium">{TIMELINE_EVENT_KIND_LABELS[event.kind]}</span>{" "}
                    · {event.text}
                  </summary>
                  <div className="mt-3">
                    <EditEventForm
                      incidentId={incident.id}
                      event={{
                        id: event.id,
                        atWall: toWallTime(event.at, tz),
                        kind: event.kind,
                        text: event.text,
                        version: event.updatedAt.getTime(),
                      }}
                    />
                  </div>
                </details>
              </li>
            ))}
          </ol>
          {proposals.length > 0 ? (
            <section aria-labelledby="proposed-events-heading" className="mt-5">
              <h3 id="proposed-events-heading" className="mb-1 font-semibold">
                Proposed from the updates
              </h3>
              <p className="mb-2 text-sm text-gray-600 dark:text-gray-400">
                The first update, the first Monitoring and the first Resolved update, for you to confirm.
              </p>
              <ul className="space-y-2">
                {proposals.map((p) => (
                  <li key={p.kind}>
                    <ProposedEventForm
                      incidentId={incident.id}
                      proposal={{ atWall: toWallTime(p.at, tz), when: formatInstant(p.at, tz), kind: p.kind, text: p.text }}
                    />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <h3 className="mt-5 mb-2 font-semibold">Add an event</h3>
          <AddEventForm incidentId={incident.id} />
        </TimelineDraftProvider>
      </Card>
      <div className="rounded-lg border border-gray-200 bg-white p-4 dark:border-gray-800 dark:bg-gray-900">
        <p className="text-sm text-gray-600 dark:text-gray-400">As the public page shows it once the postmortem is published:</p>
        <TimelineSection events={incident.timelineEvents} startedAt={incident.startedAt} timeZone={tz} />
      </div>
    </div>
  );
}
