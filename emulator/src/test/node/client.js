// The official Node SDK pointed at the local VOD as vod-protocol.md §1.4 says. Settings come from the environment
// (set by NodeSdkContractTest): VOD_ENDPOINT (host:port), SECRET_ID, SECRET_KEY.
"use strict";
const { Client } = require("tencentcloud-sdk-nodejs-vod").vod.v20180717;

function vodClient(secretKey = process.env.SECRET_KEY) {
  return new Client({
    credential: { secretId: process.env.SECRET_ID, secretKey },
    region: "ap-guangzhou",
    profile: { httpProfile: { endpoint: process.env.VOD_ENDPOINT, protocol: "http://" } },
  });
}

// Runs one call and prints {"ok": answer} or {"error": {code, message, requestId}} as one JSON line.
async function report(call) {
  try {
    console.log(JSON.stringify({ ok: await call() }));
  } catch (e) {
    console.log(JSON.stringify({ error: { code: e.code, message: e.message, requestId: e.requestId } }));
  }
}

module.exports = { vodClient, report };
