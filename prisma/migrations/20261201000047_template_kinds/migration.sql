-- Templates become of two kinds: incident updates (the new-incident and update forms) and
-- postmortems (the postmortem editor). Every template so far prefilled incident forms, except
-- those named "Postmortem", which the postmortem editor started from: they become postmortem
-- templates (unless an alert mapping opens incidents from one). The column changes type in place
-- (through text), so no template is lost on the way.

-- CreateEnum
CREATE TYPE "TemplateKind" AS ENUM ('update', 'postmortem');

-- AlterTable
ALTER TABLE "IncidentTemplate" ALTER COLUMN "kind" DROP DEFAULT;
ALTER TABLE "IncidentTemplate" ALTER COLUMN "kind" TYPE TEXT USING "kind"::text;
UPDATE "IncidentTemplate" SET "kind" = CASE
    WHEN lower(btrim("name")) = 'postmortem'
      -- An alert mapping opens incidents from it: it is in use as an update template, and stays one.
      AND NOT EXISTS (SELECT 1 FROM "AlertMapping" m WHERE m."templateId" = "IncidentTemplate"."id")
    THEN 'postmortem' ELSE 'update' END;
ALTER TABLE "IncidentTemplate" ALTER COLUMN "kind" TYPE "TemplateKind" USING "kind"::"TemplateKind";
ALTER TABLE "IncidentTemplate" ALTER COLUMN "kind" SET DEFAULT 'update';

-- A postmortem template prefills no incident name or status.
UPDATE "IncidentTemplate" SET "title" = NULL, "status" = NULL WHERE "kind" = 'postmortem';
