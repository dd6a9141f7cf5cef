-- CreateTable
CREATE TABLE "PublicChangeCounter" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "value" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PublicChangeCounter_pkey" PRIMARY KEY ("id")
);
