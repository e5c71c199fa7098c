// DescribeEventConfig signed with a wrong SecretKey: the answer must be an AuthFailure.SignatureFailure.
"use strict";
const { vodClient, report } = require("./client");

report(() => vodClient("not-the-secret-key").DescribeEventConfig({}));
