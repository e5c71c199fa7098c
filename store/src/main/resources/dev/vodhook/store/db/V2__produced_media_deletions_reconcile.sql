-- vodhook schema, version 2: what the PullComplete, EditMediaComplete, ComposeMediaComplete and
-- FileDeleted handlers record, and the reconciler's bookkeeping. Same conventions as V1 (epoch
-- milliseconds in BIGINT, TEXT strings); runs on SQLite and PostgreSQL alike.

-- A media made by a task (PullUpload, EditMedia, ComposeMedia) names that task; its original file
-- can be deleted on its own (FileDeleted with DeleteParts OriginalFiles), the media staying.
ALTER TABLE media ADD COLUMN source_task_id TEXT;
ALTER TABLE media ADD COLUMN original_deleted_at BIGINT;

-- An output that FileDeleted removed keeps its row, stamped; deleting a whole media stamps every
-- output, including outputs recorded after the delete (a late FINISH).
ALTER TABLE media_output ADD COLUMN deleted_at BIGINT;

-- The reconciler: when it last asked VOD about a task (DescribeTaskDetail) and what went wrong if
-- it could not; when and why it gave up (VOD answers only for tasks of the last 3 days).
ALTER TABLE task ADD COLUMN checked_at BIGINT;
ALTER TABLE task ADD COLUMN check_error TEXT;
ALTER TABLE task ADD COLUMN given_up_at BIGINT;
ALTER TABLE task ADD COLUMN given_up_reason TEXT;
CREATE INDEX task_open_ours ON task (updated_at)
    WHERE started_by_us AND status_rank < 2 AND given_up_at IS NULL;
