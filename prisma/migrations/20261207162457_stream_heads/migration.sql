-- CreateTable
CREATE TABLE "StreamHead" (
    "resource" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "StreamHead_pkey" PRIMARY KEY ("resource","recordId")
);

-- Backfill: every existing record stream gets its head (its last event's version and hash).
INSERT INTO "StreamHead" ("resource", "recordId", "version", "hash")
SELECT DISTINCT ON ("resource", "recordId") "resource", "recordId", "version", "hash"
FROM "Event"
ORDER BY "resource", "recordId", "version" DESC;
