-- CreateEnum
CREATE TYPE "SubscriberChannel" AS ENUM ('email', 'webhook', 'slack', 'discord', 'teams');

-- CreateEnum
CREATE TYPE "SubscriberState" AS ENUM ('pending', 'active', 'disabled');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('incident', 'postmortem', 'maintenance_reminder', 'component', 'test');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('queued', 'sent', 'retrying', 'failed');

-- AlterTable
ALTER TABLE "PageSettings" ADD COLUMN     "mailReplyTo" TEXT,
ADD COLUMN     "mailSenderName" TEXT,
ADD COLUMN     "subscribeChannels" "SubscriberChannel"[] DEFAULT ARRAY['email', 'webhook', 'slack', 'discord', 'teams']::"SubscriberChannel"[];

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "remindBeforeMinutes" INTEGER,
ADD COLUMN     "remindedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Subscriber" (
    "id" TEXT NOT NULL,
    "channel" "SubscriberChannel" NOT NULL,
    "target" TEXT NOT NULL,
    "state" "SubscriberState" NOT NULL DEFAULT 'pending',
    "team" BOOLEAN NOT NULL DEFAULT false,
    "label" TEXT,
    "wholePage" BOOLEAN NOT NULL DEFAULT true,
    "componentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "groupIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "manageTokenHash" TEXT NOT NULL,
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" TIMESTAMPTZ(3),
    "confirmationSentAt" TIMESTAMPTZ(3),
    "confirmedAt" TIMESTAMPTZ(3),
    "signingSecret" TEXT,
    "failingSince" TIMESTAMPTZ(3),
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "disabledReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "incidentId" TEXT,
    "updateId" TEXT,
    "componentId" TEXT,
    "componentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "groupIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "teamOnly" BOOLEAN NOT NULL DEFAULT false,
    "onlySubscriberId" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fannedOutAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "notificationId" TEXT NOT NULL,
    "subscriberId" TEXT NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubscribeAttempt" (
    "id" SERIAL NOT NULL,
    "ip" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubscribeAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_manageTokenHash_key" ON "Subscriber"("manageTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_confirmTokenHash_key" ON "Subscriber"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "Subscriber_state_channel_idx" ON "Subscriber"("state", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "Subscriber_channel_target_team_key" ON "Subscriber"("channel", "target", "team");

-- CreateIndex
CREATE INDEX "Notification_updateId_idx" ON "Notification"("updateId");

-- CreateIndex
CREATE INDEX "Notification_incidentId_idx" ON "Notification"("incidentId");

-- CreateIndex
CREATE INDEX "Delivery_subscriberId_idx" ON "Delivery"("subscriberId");

-- CreateIndex
CREATE INDEX "Delivery_notificationId_state_idx" ON "Delivery"("notificationId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_notificationId_subscriberId_key" ON "Delivery"("notificationId", "subscriberId");

-- CreateIndex
CREATE INDEX "SubscribeAttempt_ip_at_idx" ON "SubscribeAttempt"("ip", "at");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
