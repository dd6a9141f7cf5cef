-- AlterTable
ALTER TABLE "IncidentUpdate" ADD COLUMN     "cancelsWindow" BOOLEAN NOT NULL DEFAULT false;

-- Windows cancelled before this column: the update that cancelled each one is the update its
-- audit row names.
UPDATE "IncidentUpdate" u
   SET "cancelsWindow" = true
  FROM "AuditLog" a
 WHERE a.action = 'maintenance.cancelled'
   AND a."targetType" = 'incident'
   AND a."targetId" = u."incidentId"
   AND a.after ->> 'updateId' = u.id;

-- A cancelled window without that audit row: the newest completed update shown at the instant it
-- was cancelled (as pages found it until now), one at most.
UPDATE "IncidentUpdate"
   SET "cancelsWindow" = true
 WHERE id IN (
   SELECT DISTINCT ON (i.id) u.id
     FROM "Incident" i
     JOIN "IncidentUpdate" u ON u."incidentId" = i.id
    WHERE i."cancelledAt" IS NOT NULL
      AND u.status = 'completed'
      AND u."displayAt" = i."cancelledAt"
      AND NOT EXISTS (SELECT 1 FROM "IncidentUpdate" m WHERE m."incidentId" = i.id AND m."cancelsWindow")
    ORDER BY i.id, u."createdAt" DESC, u.id DESC);

-- Editing another update at the same instant could move `cancelledAt` off the cancelling update:
-- it is that update's time.
UPDATE "Incident" i
   SET "cancelledAt" = u."displayAt"
  FROM "IncidentUpdate" u
 WHERE u."incidentId" = i.id
   AND u."cancelsWindow"
   AND i."cancelledAt" IS DISTINCT FROM u."displayAt";
