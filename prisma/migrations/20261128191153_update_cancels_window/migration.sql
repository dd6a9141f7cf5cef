-- AlterTable
ALTER TABLE "IncidentUpdate" ADD COLUMN     "cancelsWindow" BOOLEAN NOT NULL DEFAULT false;

-- Windows cancelled before this column: their closing update is the completed one shown at the
-- instant they were cancelled (as pages found it until now).
UPDATE "IncidentUpdate" u
   SET "cancelsWindow" = true
  FROM "Incident" i
 WHERE u."incidentId" = i.id
   AND i."cancelledAt" IS NOT NULL
   AND u.status = 'completed'
   AND u."displayAt" = i."cancelledAt";
