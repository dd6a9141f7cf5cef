-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "cancelledAt" TIMESTAMPTZ(3);
