-- CreateEnum
CREATE TYPE "upload_state" AS ENUM ('pending', 'finalized', 'rejected');

-- CreateTable
CREATE TABLE "uploads" (
    "id" UUID NOT NULL,
    "zone_name" TEXT NOT NULL,
    "sha1" CHAR(40) NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" CHAR(64),
    "staging_key" TEXT NOT NULL,
    "state" "upload_state" NOT NULL DEFAULT 'pending',
    "user_id" TEXT NOT NULL,
    "client_id" CHAR(64),
    "received_sha1" CHAR(40),
    "received_sha256" CHAR(64),
    "received_size" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seen_requests" (
    "signature_hash" CHAR(40) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "seen_requests_pkey" PRIMARY KEY ("signature_hash")
);

-- CreateTable
CREATE TABLE "usage_days" (
    "day" DATE NOT NULL,
    "zone_name" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "upload_count" BIGINT NOT NULL DEFAULT 0,
    "upload_bytes" BIGINT NOT NULL DEFAULT 0,
    "download_count" BIGINT NOT NULL DEFAULT 0,
    "download_bytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "usage_days_pkey" PRIMARY KEY ("day","zone_name","user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "uploads_staging_key_key" ON "uploads"("staging_key");

-- CreateIndex
CREATE INDEX "uploads_zone_name_sha1_idx" ON "uploads"("zone_name", "sha1");

-- CreateIndex
CREATE INDEX "uploads_state_expires_at_idx" ON "uploads"("state", "expires_at");

-- CreateIndex
CREATE INDEX "seen_requests_expires_at_idx" ON "seen_requests"("expires_at");

-- CreateIndex
CREATE INDEX "usage_days_zone_name_day_idx" ON "usage_days"("zone_name", "day");

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_zone_name_fkey" FOREIGN KEY ("zone_name") REFERENCES "zones"("name") ON DELETE CASCADE ON UPDATE CASCADE;
