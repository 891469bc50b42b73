-- CreateEnum
CREATE TYPE "ItemMemberRole" AS ENUM ('VIEWER', 'EDITOR', 'ADMIN');

-- DropIndex
DROP INDEX "Item_workspaceId_idx";

-- CreateTable
CREATE TABLE "Member" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "priorityThreshold" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Profile" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "bio" TEXT NOT NULL,
    "memberId" UUID NOT NULL,

    CONSTRAINT "Profile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemMember" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "role" "ItemMemberRole" NOT NULL DEFAULT 'VIEWER',
    "addedAt" TIMESTAMPTZ(6) NOT NULL,
    "itemId" UUID NOT NULL,
    "memberId" UUID NOT NULL,

    CONSTRAINT "ItemMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemDependency" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "itemId" UUID NOT NULL,
    "dependsOnId" UUID NOT NULL,

    CONSTRAINT "ItemDependency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL,
    "updatedAt" TIMESTAMPTZ(6) NOT NULL,
    "name" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(6),

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemRelation" (
    "itemId" UUID NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ItemRelation_pkey" PRIMARY KEY ("itemId","targetType","targetId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Member_email_key" ON "Member"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_memberId_key" ON "Profile"("memberId");

-- CreateIndex
CREATE INDEX "ItemMember_memberId_idx" ON "ItemMember"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ItemMember_itemId_memberId_key" ON "ItemMember"("itemId", "memberId");

-- CreateIndex
CREATE INDEX "ItemDependency_dependsOnId_idx" ON "ItemDependency"("dependsOnId");

-- CreateIndex
CREATE UNIQUE INDEX "ItemDependency_itemId_dependsOnId_key" ON "ItemDependency"("itemId", "dependsOnId");

-- CreateIndex
CREATE INDEX "Item_workspaceId_priority_idx" ON "Item"("workspaceId", "priority");

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemMember" ADD CONSTRAINT "ItemMember_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemMember" ADD CONSTRAINT "ItemMember_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemDependency" ADD CONSTRAINT "ItemDependency_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemDependency" ADD CONSTRAINT "ItemDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemRelation" ADD CONSTRAINT "ItemRelation_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
