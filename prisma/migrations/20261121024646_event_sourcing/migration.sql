-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "transactionId" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateTable
CREATE TABLE "EventLink" (
    "eventId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "targetId" UUID NOT NULL,

    CONSTRAINT "EventLink_pkey" PRIMARY KEY ("eventId","type","targetId")
);

-- CreateTable
CREATE TABLE "Snapshot" (
    "resource" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "hash" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "Snapshot_pkey" PRIMARY KEY ("resource","recordId","version")
);

-- CreateIndex
CREATE INDEX "EventLink_targetId_idx" ON "EventLink"("targetId");

-- CreateIndex
CREATE INDEX "Event_transactionId_position_idx" ON "Event"("transactionId", "position");

-- AddForeignKey
ALTER TABLE "EventLink" ADD CONSTRAINT "EventLink_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventLink" ADD CONSTRAINT "EventLink_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
