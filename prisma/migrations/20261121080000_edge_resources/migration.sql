-- CreateEnum
CREATE TYPE "edge_request_state" AS ENUM ('requested', 'uploading', 'completed', 'failed');

-- CreateTable
CREATE TABLE "edge_resources" (
    "id" UUID NOT NULL,
    "zone_name" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "session_id" UUID,
    "replica_id" VARCHAR(64),
    "connected_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3),
    "disconnected_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "edge_resources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "edge_resource_files" (
    "resource_id" UUID NOT NULL,
    "sha1" CHAR(40) NOT NULL,
    "size" BIGINT NOT NULL,
    "session_id" UUID NOT NULL,
    "announced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "edge_resource_files_pkey" PRIMARY KEY ("resource_id","sha1")
);

-- CreateTable
CREATE TABLE "edge_requests" (
    "id" UUID NOT NULL,
    "zone_name" TEXT NOT NULL,
    "sha1" CHAR(40) NOT NULL,
    "size" BIGINT NOT NULL,
    "resource_id" UUID NOT NULL,
    "state" "edge_request_state" NOT NULL DEFAULT 'requested',
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "error" TEXT,
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "edge_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "edge_resources_zone_name_owner_id_name_key" ON "edge_resources"("zone_name", "owner_id", "name");

-- CreateIndex
CREATE INDEX "edge_resource_files_sha1_idx" ON "edge_resource_files"("sha1");

-- CreateIndex
CREATE INDEX "edge_requests_zone_name_sha1_state_idx" ON "edge_requests"("zone_name", "sha1", "state");

-- CreateIndex
CREATE INDEX "edge_requests_resource_id_state_idx" ON "edge_requests"("resource_id", "state");

-- AddForeignKey
ALTER TABLE "edge_resources" ADD CONSTRAINT "edge_resources_zone_name_fkey" FOREIGN KEY ("zone_name") REFERENCES "zones"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "edge_resource_files" ADD CONSTRAINT "edge_resource_files_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "edge_resources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "edge_requests" ADD CONSTRAINT "edge_requests_zone_name_fkey" FOREIGN KEY ("zone_name") REFERENCES "zones"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "edge_requests" ADD CONSTRAINT "edge_requests_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "edge_resources"("id") ON DELETE CASCADE ON UPDATE CASCADE;
