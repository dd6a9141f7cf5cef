"use client";

import { useState } from "react";
import { Markdown } from "@/components/status/markdown.tsx";
import { TextArea } from "./fields.tsx";

/**
 * An update's markdown message, and under it the message as the public page renders it (the same
 * lib/markdown renderer, run in the browser as the postmortem editor does). Without JavaScript
 * the box works as before and the preview stays empty.
 */
export function MessageField({
  id,
  label = "Message",
  defaultValue,
  error,
  required,
}: {
  id?: string;
  label?: string;
  defaultValue?: string;
  error?: string;
  required?: boolean;
}) {
  const [text, setText] = useState(defaultValue ?? "");
  const previewId = `${id ?? "message"}-preview`;
  return (
    <div>
      <TextArea
        name="message"
        id={id}
        label={label}
        rows={4}
        hint="Markdown, previewed below as the public page shows it."
        defaultValue={defaultValue}
        error={error}
        required={required}
        onChange={setText}
      />
      {text.trim() ? (
        <section
          id={previewId}
          aria-label="Preview as customers see it"
          className="mt-2 max-h-48 overflow-auto rounded-md border border-dashed border-gray-300 px-3 py-2 text-sm dark:border-gray-700"
        >
          <Markdown source={text} />
        </section>
      ) : null}
    </div>
  );
}
