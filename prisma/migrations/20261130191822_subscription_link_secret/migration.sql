-- CreateTable
CREATE TABLE "SubscriptionLinkSecret" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "secret" TEXT NOT NULL,

    CONSTRAINT "SubscriptionLinkSecret_pkey" PRIMARY KEY ("id")
);
