"use client";

import { useActionState } from "react";
import type { ScopeChoice } from "@/lib/subscribers/queries.ts";
import { CHANNEL_LABELS, type SubscriberChannel } from "@/lib/subscribers/schemas.ts";
import type { SubscribeState } from "@/lib/subscribers/subscribe-state.ts";

const TARGET_LABELS: Record<SubscriberChannel, { label: string; type: string; placeholder: string }> = {
  email: { label: "Email address", type: "email", placeholder: "you@example.com" },
  webhook: { label: "Webhook URL", type: "url", placeholder: "https://example.com/hooks/status" },
  slack: { label: "Slack incoming-webhook URL", type: "url", placeholder: "https://hooks.slack.com/services/…" },
  discord: { label: "Discord webhook URL", type: "url", placeholder: "https://discord.com/api/webhooks/…" },
  teams: { label: "Microsoft Teams workflow webhook URL", type: "url", placeholder: "https://….webhook.office.com/…" },
};

const INPUT =
  "mt-1 block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-base text-gray-900 shadow-sm focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500 aria-invalid:border-red-600 dark:border-gray-600 dark:bg-gray-900 dark:text-gray-100";

export function SubscribeForm(props: {
  action: (previous: SubscribeState, formData: FormData) => Promise<SubscribeState>;
  channel: SubscriberChannel;
  choices: ScopeChoice[];
}) {
  const [state, formAction, pending] = useActionState(props.action, { status: "idle", seq: 0 });
  const target = TARGET_LABELS[props.channel];
  const error = state.fieldErrors?.target ?? state.fieldErrors?.channel;
  if (state.status === "done") {
    return (
      <div
        role="status"
        className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-4 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
      >
        <p>{state.message}</p>
        {state.signingSecret ? (
          <div>
            <p className="font-medium">Signing secret (shown once: keep it now)</p>
            <p className="text-sm">Every webhook carries Standard Webhooks signature headers made with it.</p>
            <code className="mt-1 block break-all rounded bg-white p-2 text-sm text-gray-900 dark:bg-gray-900 dark:text-gray-100">
              {state.signingSecret}
            </code>
          </div>
        ) : null}
        {state.manageHref ? (
          <p>
            <a href={state.manageHref} className="font-medium underline">
              Manage this subscription
            </a>{" "}
            (keep the link: it is how you change or remove it).
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5" key={state.seq}>
      <input type="hidden" name="channel" value={props.channel} />
      {state.status === "error" && state.message ? (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {state.message}
        </p>
      ) : null}
      <div>
        <label htmlFor="target" className="block text-sm font-medium">
          {target.label}
        </label>
        <input
          id="target"
          name="target"
          type={target.type}
          required
          placeholder={target.placeholder}
          defaultValue={state.values?.target}
          autoComplete={props.channel === "email" ? "email" : "off"}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "target-error" : undefined}
          className={INPUT}
        />
        {error ? (
          <p id="target-error" className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
      {props.choices.length ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Components</legend>
          <p className="text-sm text-gray-600 dark:text-gray-400">Leave every box empty to hear about everything.</p>
          {state.fieldErrors?.components ? (
            <p className="text-sm font-medium text-red-700 dark:text-red-400">{state.fieldErrors.components}</p>
          ) : null}
          <ul className="space-y-2">
            {props.choices.map((choice) =>
              choice.kind === "component" ? (
                <li key={choice.id}>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="component" value={choice.id} className="size-4" />
                    {choice.name}
                  </label>
                </li>
              ) : (
                <li key={choice.id}>
                  <label className="flex items-center gap-2 font-medium">
                    <input type="checkbox" name="group" value={choice.id} className="size-4" />
                    {choice.name} (the whole group)
                  </label>
                  <ul className="mt-1 ml-6 space-y-1">
                    {choice.components.map((component) => (
                      <li key={component.id}>
                        <label className="flex items-center gap-2">
                          <input type="checkbox" name="component" value={component.id} className="size-4" />
                          {component.name}
                        </label>
                      </li>
                    ))}
                  </ul>
                </li>
              ),
            )}
          </ul>
        </fieldset>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-indigo-700 px-4 py-2 font-medium text-white hover:bg-indigo-800 disabled:opacity-60"
      >
        {pending
          ? "Subscribing…"
          : `Subscribe by ${CHANNEL_LABELS[props.channel].toLowerCase().replace("microsoft ", "Microsoft ")}`}
      </button>
    </form>
  );
}
