-- Templates become of two kinds: incident updates (the new-incident and update forms) and
-- postmortems (the postmortem editor). Every template so far prefilled incident forms, except
-- those named "Postmortem", which the postmortem editor started from: they become postmortem
-- templates. The column changes type in place, so no template loses its kind on the way.

-- CreateEnum
CREATE TYPE "TemplateKind" AS ENUM ('update', 'postmortem');

-- AlterTable
ALTER TABLE "IncidentTemplate" ALTER COLUMN "kind" DROP DEFAULT;
ALTER TABLE "IncidentTemplate" ALTER COLUMN "kind" TYPE "TemplateKind"
  USING (CASE WHEN lower(btrim("name")) = 'postmortem' THEN 'postmortem' ELSE 'update' END)::"TemplateKind";
ALTER TABLE "IncidentTemplate" ALTER COLUMN "kind" SET DEFAULT 'update';

-- A postmortem template prefills no incident name or status.
UPDATE "IncidentTemplate" SET "title" = NULL, "status" = NULL WHERE "kind" = 'postmortem';
