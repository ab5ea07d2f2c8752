-- A curation's zone, owner, label, editors and times are its feed's: keep them in one place.

-- DropIndex
DROP INDEX "curations_zone_name_owner_id_idx";

-- AlterTable
ALTER TABLE "curations" DROP COLUMN "created_at",
DROP COLUMN "editors",
DROP COLUMN "label",
DROP COLUMN "owner_id",
DROP COLUMN "updated_at",
DROP COLUMN "zone_name";
