"use client";

import { type DragEvent, type ReactNode, useEffect, useRef, useState, useTransition } from "react";
import { newIdempotencyToken } from "@/components/admin/form-parts.tsx";
import { IDLE } from "@/lib/forms/form-state.ts";
import { IDEMPOTENCY_FIELD } from "@/lib/idempotency/form-field.ts";
import { placeAction } from "./actions.ts";

/** One item of a reorderable list: a group (`groupId`) or a component (`componentId`). */
export type DragItem = { kind: "group" | "component"; id: string; name: string; node: ReactNode };

/**
 * A list whose items an admin reorders by dragging their handle (native HTML drag events) and
 * dropping them on another item, which puts them in that item's place. The new order shows at
 * once and is saved by placeAction; the page refreshes in place (no reload, no jump to the top).
 * The Move buttons inside each item stay the keyboard and no-JavaScript way.
 */
export function DragList({
  items,
  as: List = "div",
  className,
  itemClassName,
  label,
}: {
  items: DragItem[];
  as?: "div" | "ul";
  className?: string;
  itemClassName?: string;
  /** What the list holds, for the handles' tooltips and the announcement. */
  label: string;
}) {
  const Item = List === "ul" ? "li" : "div";
  const [order, setOrder] = useState<string[] | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [, startTransition] = useTransition();
  const dragging = useRef<string | null>(null);
  const key = items.map((item) => item.id).join(" ");
  // The server's order replaces the optimistic one once the page refreshes with it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the server's order
  useEffect(() => setOrder(null), [key]);

  const byId = new Map(items.map((item) => [item.id, item]));
  const shown = (order ?? items.map((item) => item.id)).flatMap((id) => byId.get(id) ?? []);

  const accepts = (event: DragEvent) => dragging.current !== null && event.dataTransfer.types.includes("text/x-upstate-order");

  function drop(targetId: string) {
    const id = dragging.current;
    dragging.current = null;
    setOver(null);
    const item = id ? byId.get(id) : undefined;
    if (!item || id === targetId) return;
    const ids = shown.map((entry) => entry.id);
    const index = ids.indexOf(targetId);
    const reordered = ids.filter((entry) => entry !== id);
    reordered.splice(index, 0, id as string);
    setOrder(reordered);
    const data = new FormData();
    data.set(item.kind === "group" ? "groupId" : "componentId", item.id);
    data.set("index", String(index));
    data.set(IDEMPOTENCY_FIELD, newIdempotencyToken());
    startTransition(async () => {
      const state = await placeAction(IDLE, data);
      if (state.status === "error") setOrder(null);
      setMessage({ text: state.message ?? "", error: state.status === "error" });
    });
  }

  return (
    <>
      <List className={className}>
        {shown.map((item) => (
          <Item
            key={item.id}
            data-drag-item={item.id}
            className={`${itemClassName ?? ""} ${over === item.id ? "outline-2 outline-offset-2 outline-indigo-500" : ""}`}
            onDragOver={(event) => {
              if (!accepts(event)) return;
              event.preventDefault();
              event.stopPropagation();
              event.dataTransfer.dropEffect = "move";
              if (over !== item.id) setOver(item.id);
            }}
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null);
            }}
            onDrop={(event) => {
              if (!accepts(event)) return;
              event.preventDefault();
              event.stopPropagation();
              drop(item.id);
            }}
          >
            <div className="flex items-start gap-2">
              <span
                draggable
                data-drag-handle={item.id}
                title={`Drag to reorder ${label}: ${item.name}`}
                aria-hidden="true"
                className="mt-1 cursor-grab select-none rounded px-1 text-lg leading-none text-gray-600 hover:bg-gray-100 active:cursor-grabbing dark:text-gray-400 dark:hover:bg-gray-800"
                onDragStart={(event) => {
                  event.stopPropagation();
                  dragging.current = item.id;
                  event.dataTransfer.effectAllowed = "move";
                  event.dataTransfer.setData("text/x-upstate-order", item.id);
                  const whole = event.currentTarget.closest("[data-drag-item]");
                  if (whole) event.dataTransfer.setDragImage(whole, 16, 16);
                }}
                onDragEnd={() => {
                  dragging.current = null;
                  setOver(null);
                }}
              >
                ⠿
              </span>
              <div className="min-w-0 flex-1">{item.node}</div>
            </div>
          </Item>
        ))}
      </List>
      <p
        role={message?.error ? "alert" : "status"}
        className={message?.error ? "text-sm font-medium text-red-700 dark:text-red-400" : "sr-only"}
      >
        {message?.text}
      </p>
    </>
  );
}
