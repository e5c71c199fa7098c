-- vodhook schema, version 5: what the console reads fast. Same conventions as V1; SQLite and PostgreSQL alike.
-- (V4 is the notification outbox; version 5.1 fills file_id and task_id of the events stored before this one.)

-- The FileId and TaskId an event is about, taken from the parsed event at intake (NULL when it names none),
-- so that a media's timeline and a search by FileId or TaskId are index look-ups instead of reading bodies.
ALTER TABLE inbox ADD COLUMN file_id TEXT;
ALTER TABLE inbox ADD COLUMN task_id TEXT;
CREATE INDEX inbox_file ON inbox (file_id, id) WHERE file_id IS NOT NULL;
CREATE INDEX inbox_task ON inbox (task_id, id) WHERE task_id IS NOT NULL;

-- The event list's filters, newest first (status has inbox_status): an event's columns after its body are
-- read only for the rows shown, never for every row a filter skips.
CREATE INDEX inbox_type ON inbox (event_type, id);
CREATE INDEX inbox_source ON inbox (source, id);
-- Per-minute counts of what was received (by source) and handled (DONE or DEAD), and time-range filters.
CREATE INDEX inbox_received ON inbox (received_at, source);
CREATE INDEX inbox_processed ON inbox (processed_at, status) WHERE processed_at IS NOT NULL;

-- The media list: newest change first, by state or not.
CREATE INDEX media_updated ON media (updated_at, file_id);
CREATE INDEX media_state ON media (state, updated_at, file_id);
