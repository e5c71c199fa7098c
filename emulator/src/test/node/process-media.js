// ProcessMedia: FILE_ID to template 100010, with a SessionContext to echo.
"use strict";
const { vodClient, report } = require("./client");

report(() => vodClient().ProcessMedia({
  FileId: process.env.FILE_ID,
  MediaProcessTask: { TranscodeTaskSet: [{ Definition: 100010 }] },
  SessionContext: "from-node",
}));
