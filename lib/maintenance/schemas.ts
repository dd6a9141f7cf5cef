import { z } from "zod";

const id = z.string().min(1).max(40);

export const scheduleMaintenanceSchema = z
  .object({
    name: z.string().trim().min(1, "Give the maintenance a name.").max(200, "Keep the name under 200 characters."),
    message: z.string().trim().min(1, "Write a message for the public.").max(20_000),
    scheduledFor: z.date({ error: "Enter when it starts." }),
    scheduledUntil: z.date({ error: "Enter when it ends." }),
    componentIds: z.array(id).max(500).default([]),
    autoStart: z.boolean().default(true),
    autoComplete: z.boolean().default(true),
  })
  .refine((m) => m.scheduledUntil > m.scheduledFor, { path: ["scheduledUntil"], message: "The end must be after the start." });
export type ScheduleMaintenanceInput = z.input<typeof scheduleMaintenanceSchema>;

export const maintenanceIdSchema = z.object({ incidentId: id });
