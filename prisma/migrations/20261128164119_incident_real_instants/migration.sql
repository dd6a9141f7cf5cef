-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "resolvedAtOverride" TIMESTAMPTZ(3),
ADD COLUMN     "startedAtOverride" TIMESTAMPTZ(3);
