"use client";

import {
  createContext,
  type DragEvent,
  type ReactNode,
  type RefObject,
  useContext,
  useEffect,
  useRef,
  useState,
  useTransition,
} from "react";
import { newIdempotencyToken } from "@/components/admin/form-parts.tsx";
import { type FormState, IDLE } from "@/lib/forms/form-state.ts";
import { IDEMPOTENCY_FIELD } from "@/lib/idempotency/form-field.ts";
import { placeAction } from "./actions.ts";

/** One item of a reorderable list: a group (`groupId`) or a component (`componentId`). */
export type DragItem = { kind: "group" | "component"; id: string; name: string; node: ReactNode };

/** What is being dragged, and from which list (a group's id, or TOP_LEVEL). */
type Dragged = { kind: DragItem["kind"]; id: string; list: string };

const TOP_LEVEL = "top";
const DRAG_TYPE = "text/x-upstate-order";

/** The fields of placeAction: the item, and where it goes (see lib/forms/component-forms.ts#decodePlace). */
type Placement = { componentId: string; index?: number; toGroupId?: string } | { groupId: string; index: number };

type Scope = {
  /** The item being dragged, in whichever list, so that another list can take it. */
  dragged: RefObject<Dragged | null>;
  /** The same, as state: the lists show where a component may go while one is dragged. */
  active: Dragged | null;
  setActive: (dragged: Dragged | null) => void;
  /** Saves a placement (no reload: the page refreshes in place) and announces the answer. */
  place: (placement: Placement, after?: (state: FormState) => void) => void;
};

const ReorderContext = createContext<Scope | null>(null);

/**
 * The page's reorderable lists (the top level and each group's) as one: an item dragged from one
 * list can be dropped in another, and the answers of every move (drag and drop or "Move to group")
 * are announced in one place, which stays when the moved item's list is re-rendered.
 */
export function ReorderScope({ children }: { children: ReactNode }) {
  const dragged = useRef<Dragged | null>(null);
  const [active, setActive] = useState<Dragged | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [, startTransition] = useTransition();
  const place = (placement: Placement, after?: (state: FormState) => void) => {
    const data = new FormData();
    for (const [field, value] of Object.entries(placement)) if (value !== undefined) data.set(field, String(value));
    data.set(IDEMPOTENCY_FIELD, newIdempotencyToken());
    startTransition(async () => {
      const state = await placeAction(IDLE, data);
      after?.(state);
      setMessage({ text: state.message ?? "", error: state.status === "error" });
    });
  };
  return (
    <ReorderContext.Provider value={{ dragged, active, setActive, place }}>
      {children}
      <p
        role={message?.error ? "alert" : "status"}
        className={
          message?.error
            ? "fixed inset-x-4 bottom-4 z-30 mx-auto max-w-md rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-800 shadow-lg dark:border-red-800 dark:bg-red-950 dark:text-red-200"
            : "sr-only"
        }
      >
        {message?.text}
      </p>
    </ReorderContext.Provider>
  );
}

/** The page's reorder scope, for "Move to group" (component-forms.tsx). */
export function useReorderScope(): Scope {
  const scope = useContext(ReorderContext);
  if (!scope) throw new Error("A reorderable list needs a ReorderScope around it.");
  return scope;
}

/**
 * A list whose items an admin reorders by dragging their handle (native HTML drag events) and
 * dropping them on another item, which puts them in that item's place. A component may also be
 * dropped in another group's list (at that place), on a group (last in it), or, out of its group,
 * on the top level's components or its end. A move within a list shows at once; every move is
 * saved by placeAction and the page refreshes in place (no reload, no jump to the top). The Move
 * buttons and "Move to group" inside each item stay the keyboard and no-JavaScript ways.
 */
export function DragList({
  items,
  as: List = "div",
  className,
  itemClassName,
  label,
  groupId,
}: {
  items: DragItem[];
  as?: "div" | "ul";
  className?: string;
  itemClassName?: string;
  /** What the list holds, for the handles' tooltips. */
  label: string;
  /** The group whose components the list holds; null for the page's top level. */
  groupId: string | null;
}) {
  const Item = List === "ul" ? "li" : "div";
  const scope = useReorderScope();
  const list = groupId ?? TOP_LEVEL;
  const [order, setOrder] = useState<string[] | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const key = items.map((item) => item.id).join(" ");
  // The server's order replaces the optimistic one once the page refreshes with it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the server's order
  useEffect(() => setOrder(null), [key]);

  const byId = new Map(items.map((item) => [item.id, item]));
  const shown = (order ?? items.map((item) => item.id)).flatMap((id) => byId.get(id) ?? []);

  /** Groups stay at the top level; components go anywhere. */
  const accepts = (event: DragEvent) => {
    const dragged = scope.dragged.current;
    return (
      dragged !== null && event.dataTransfer.types.includes(DRAG_TYPE) && (dragged.kind === "component" || list === TOP_LEVEL)
    );
  };
  /** A component dropped on a group goes into it. */
  const goesInto = (target: DragItem) => scope.active?.kind === "component" && target.kind === "group";

  function endDrag() {
    scope.dragged.current = null;
    scope.setActive(null);
    setOver(null);
  }

  function drop(target: DragItem) {
    const dragged = scope.dragged.current;
    endDrag();
    if (!dragged || dragged.id === target.id) return;
    if (dragged.kind === "component" && target.kind === "group") {
      scope.place({ componentId: dragged.id, toGroupId: target.id });
      return;
    }
    const ids = shown.map((entry) => entry.id);
    const index = ids.indexOf(target.id);
    if (dragged.list !== list) {
      scope.place({ componentId: dragged.id, index, toGroupId: groupId ?? "" });
      return;
    }
    const reordered = ids.filter((entry) => entry !== dragged.id);
    reordered.splice(index, 0, dragged.id);
    setOrder(reordered);
    const placement = dragged.kind === "group" ? { groupId: dragged.id, index } : { componentId: dragged.id, index };
    scope.place(placement, (state) => {
      if (state.status === "error") setOrder(null);
    });
  }

  const dropHandlers = (onDrop: () => void, target: string) => ({
    onDragOver: (event: DragEvent) => {
      if (!accepts(event)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = "move";
      if (over !== target) setOver(target);
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(null);
    },
    onDrop: (event: DragEvent) => {
      if (!accepts(event)) return;
      event.preventDefault();
      event.stopPropagation();
      onDrop();
    },
  });
  const highlight = (target: string) => (over === target ? "outline-2 outline-offset-2 outline-indigo-500" : "");
  // Out of a group, to the end of the page's top level: a place no item of the top level offers.
  const offersEnd = list === TOP_LEVEL && scope.active?.kind === "component" && scope.active.list !== TOP_LEVEL;

  return (
    <>
      <List className={className}>
        {shown.map((item) => (
          <Item
            key={item.id}
            data-drag-item={item.id}
            className={`relative ${itemClassName ?? ""} ${highlight(item.id)}`}
            {...dropHandlers(() => drop(item), item.id)}
          >
            {over === item.id && goesInto(item) ? (
              <p className="pointer-events-none absolute -top-3 right-3 rounded bg-indigo-700 px-2 py-0.5 text-xs font-medium text-white">
                Drop to move it into {item.name}
              </p>
            ) : null}
            <div className="flex items-start gap-2">
              <span
                draggable
                data-drag-handle={item.id}
                title={`Drag to reorder ${label}${item.kind === "component" ? " or move to another group" : ""}: ${item.name}`}
                aria-hidden="true"
                className="mt-1 cursor-grab select-none rounded px-1 text-lg leading-none text-gray-600 hover:bg-gray-100 active:cursor-grabbing dark:text-gray-400 dark:hover:bg-gray-800"
                onDragStart={(event) => {
                  event.stopPropagation();
                  const dragged = { kind: item.kind, id: item.id, list };
                  scope.dragged.current = dragged;
                  scope.setActive(dragged);
                  event.dataTransfer.effectAllowed = "move";
                  event.dataTransfer.setData(DRAG_TYPE, item.id);
                  const whole = event.currentTarget.closest("[data-drag-item]");
                  if (whole) event.dataTransfer.setDragImage(whole, 16, 16);
                }}
                onDragEnd={endDrag}
              >
                ⠿
              </span>
              <div className="min-w-0 flex-1">{item.node}</div>
            </div>
          </Item>
        ))}
      </List>
      {offersEnd ? (
        <div
          data-drop-end
          className={`rounded-lg border-2 border-dashed border-indigo-400 p-4 text-center text-sm font-medium text-indigo-800 dark:border-indigo-500 dark:text-indigo-200 ${highlight("end")}`}
          {...dropHandlers(() => {
            const dragged = scope.dragged.current;
            endDrag();
            if (dragged) scope.place({ componentId: dragged.id, toGroupId: "" });
          }, "end")}
        >
          Drop here to take it out of its group (last on the page)
        </div>
      ) : null}
    </>
  );
}
