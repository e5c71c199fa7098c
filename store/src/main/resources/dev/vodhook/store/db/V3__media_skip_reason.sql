-- vodhook schema, version 3: why a NewFileUpload started nothing on a media (verify-uploads: VOD does not
-- know the FileId, or the media already has what the upload would start), and when that was decided.
-- Cleared when a later run starts work on the media. Same conventions as V1; SQLite and PostgreSQL alike.
ALTER TABLE media ADD COLUMN skip_reason TEXT;
ALTER TABLE media ADD COLUMN skipped_at BIGINT;
