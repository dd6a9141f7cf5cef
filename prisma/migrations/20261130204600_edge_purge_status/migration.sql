-- CreateTable
CREATE TABLE "EdgePurgeStatus" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastFailureAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastTags" TEXT,

    CONSTRAINT "EdgePurgeStatus_pkey" PRIMARY KEY ("id")
);
