-- CreateTable
CREATE TABLE "AlertMapping" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "matchers" JSONB NOT NULL,
    "componentId" TEXT NOT NULL,
    "status" "ComponentStatus" NOT NULL,
    "minHoldSeconds" INTEGER NOT NULL DEFAULT 0,
    "templateId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceivedAlert" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "labels" JSONB NOT NULL,
    "annotations" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReceivedAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComponentAlertState" (
    "componentId" TEXT NOT NULL,
    "appliedStatus" "ComponentStatus",
    "appliedAt" TIMESTAMPTZ(3),
    "appliedChangeId" INTEGER,
    "holdSeconds" INTEGER NOT NULL DEFAULT 0,
    "releaseAt" TIMESTAMPTZ(3),
    "overriddenAt" TIMESTAMPTZ(3),
    "incidentRequestedAt" TIMESTAMPTZ(3),
    "incidentId" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ComponentAlertState_pkey" PRIMARY KEY ("componentId")
);

-- CreateTable
CREATE TABLE "AlertIncident" (
    "incidentId" TEXT NOT NULL,
    "mappingId" TEXT,
    "componentId" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertIncident_pkey" PRIMARY KEY ("incidentId")
);

-- CreateIndex
CREATE INDEX "AlertMapping_componentId_idx" ON "AlertMapping"("componentId");

-- CreateIndex
CREATE INDEX "ReceivedAlert_resolvedAt_idx" ON "ReceivedAlert"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReceivedAlert_source_fingerprint_startsAt_key" ON "ReceivedAlert"("source", "fingerprint", "startsAt");

-- AddForeignKey
ALTER TABLE "AlertMapping" ADD CONSTRAINT "AlertMapping_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertMapping" ADD CONSTRAINT "AlertMapping_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "IncidentTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentAlertState" ADD CONSTRAINT "ComponentAlertState_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertIncident" ADD CONSTRAINT "AlertIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
