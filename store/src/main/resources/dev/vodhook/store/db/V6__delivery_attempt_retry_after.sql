-- vodhook schema, version 6: an attempt answered 429 or 503 with a Retry-After keeps the header as received
-- (the next attempt was put off to it, within the retry schedule's longest wait). NULL: none heeded.
ALTER TABLE delivery_attempt ADD COLUMN retry_after TEXT;
