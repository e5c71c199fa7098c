// DescribeMediaInfos for FILE_ID and an unknown FileId.
"use strict";
const { vodClient, report } = require("./client");

report(() => vodClient().DescribeMediaInfos({ FileIds: [process.env.FILE_ID, "1"] }));
