-- CreateEnum
CREATE TYPE "feed_kind" AS ENUM ('feed', 'curation');

-- CreateEnum
CREATE TYPE "blob_ref_kind" AS ENUM ('figure', 'feed', 'mutable', 'curation');

-- CreateTable
CREATE TABLE "feeds" (
    "id" VARCHAR(32) NOT NULL,
    "zone_name" TEXT NOT NULL,
    "kind" "feed_kind" NOT NULL DEFAULT 'feed',
    "owner_id" TEXT NOT NULL,
    "label" TEXT,
    "public_read" BOOLEAN NOT NULL DEFAULT true,
    "readers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "writers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "message_count" BIGINT NOT NULL DEFAULT 0,
    "head_hash" CHAR(40),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "feeds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feed_messages" (
    "feed_id" VARCHAR(32) NOT NULL,
    "seq" BIGINT NOT NULL,
    "author" TEXT NOT NULL,
    "client_id" CHAR(64),
    "signature" CHAR(128),
    "signed_at" BIGINT,
    "message" TEXT NOT NULL,
    "previous_hash" CHAR(40),
    "hash" CHAR(40) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feed_messages_pkey" PRIMARY KEY ("feed_id","seq")
);

-- CreateTable
CREATE TABLE "mutables" (
    "zone_name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "value" TEXT,
    "owner_id" TEXT NOT NULL,
    "writers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mutables_pkey" PRIMARY KEY ("zone_name","key")
);

-- CreateTable
CREATE TABLE "mutable_versions" (
    "zone_name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "value" TEXT,
    "author" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mutable_versions_pkey" PRIMARY KEY ("zone_name","key","version")
);

-- CreateTable
CREATE TABLE "figures" (
    "id" UUID NOT NULL,
    "zone_name" TEXT NOT NULL,
    "view_uri" TEXT NOT NULL,
    "data_uri" TEXT NOT NULL,
    "data_sha1" CHAR(40),
    "label" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "repo" TEXT,
    "pull_request" INTEGER,
    "commit_sha" VARCHAR(64),
    "check_name" TEXT,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "allowed_users" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expires_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "figures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pins" (
    "sha1" CHAR(40) NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pins_pkey" PRIMARY KEY ("sha1","user_id")
);

-- CreateTable
CREATE TABLE "blob_refs" (
    "sha1" CHAR(40) NOT NULL,
    "kind" "blob_ref_kind" NOT NULL,
    "ref_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "blob_refs_pkey" PRIMARY KEY ("sha1","kind","ref_id")
);

-- CreateTable
CREATE TABLE "curations" (
    "id" VARCHAR(32) NOT NULL,
    "zone_name" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "label" TEXT,
    "editors" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "edit_repo" TEXT,
    "state" TEXT NOT NULL DEFAULT '{}',
    "version" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "curations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "feeds_zone_name_owner_id_idx" ON "feeds"("zone_name", "owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "feed_messages_feed_id_signature_key" ON "feed_messages"("feed_id", "signature");

-- CreateIndex
CREATE INDEX "figures_zone_name_owner_id_created_at_idx" ON "figures"("zone_name", "owner_id", "created_at");

-- CreateIndex
CREATE INDEX "figures_repo_pull_request_idx" ON "figures"("repo", "pull_request");

-- CreateIndex
CREATE INDEX "figures_data_sha1_idx" ON "figures"("data_sha1");

-- CreateIndex
CREATE INDEX "pins_user_id_idx" ON "pins"("user_id");

-- CreateIndex
CREATE INDEX "blob_refs_kind_ref_id_idx" ON "blob_refs"("kind", "ref_id");

-- CreateIndex
CREATE INDEX "curations_zone_name_owner_id_idx" ON "curations"("zone_name", "owner_id");

-- CreateIndex
CREATE INDEX "outbox_events_topic_id_idx" ON "outbox_events"("topic", "id");

-- AddForeignKey
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_zone_name_fkey" FOREIGN KEY ("zone_name") REFERENCES "zones"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feed_messages" ADD CONSTRAINT "feed_messages_feed_id_fkey" FOREIGN KEY ("feed_id") REFERENCES "feeds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mutables" ADD CONSTRAINT "mutables_zone_name_fkey" FOREIGN KEY ("zone_name") REFERENCES "zones"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mutable_versions" ADD CONSTRAINT "mutable_versions_zone_name_key_fkey" FOREIGN KEY ("zone_name", "key") REFERENCES "mutables"("zone_name", "key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "figures" ADD CONSTRAINT "figures_zone_name_fkey" FOREIGN KEY ("zone_name") REFERENCES "zones"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "curations" ADD CONSTRAINT "curations_id_fkey" FOREIGN KEY ("id") REFERENCES "feeds"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Blobs stored before pins existed stay kept: each is pinned for the users who uploaded it, or
-- for "anonymous" when no upload record is left.
INSERT INTO "pins" ("sha1", "user_id", "created_at")
SELECT DISTINCT "b"."sha1", COALESCE("u"."user_id", 'anonymous'), "b"."created_at"
FROM "blobs" "b" LEFT JOIN "uploads" "u" ON "u"."sha1" = "b"."sha1" AND "u"."state" = 'finalized';
