-- wrk script: POST /callback with ~4 KB NewFileUpload events, each with its own FileId (so each is
-- a new event for the receiver, not a duplicate). FileIds are <run><thread><counter>, unique across
-- threads and runs. Prints p50/p90/p99 latency and counts at the end for bench/run.sh to read.
local counter = 0

local run = os.time() % 100000

local threads = {}
function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  -- ~3.5 KB of realistic-looking media metadata, padded to make each body about 4 KB
  local pad = string.rep("x", 2600)
  prefix = '{"EventType":"NewFileUpload","FileUploadEvent":{"FileId":"'
  middle = '","MediaBasicInfo":{"Name":"bench clip","Description":"' .. pad .. '","CreateTime":"2026-03-01T08:00:00Z",'
    .. '"UpdateTime":"2026-03-01T08:00:01Z","ExpireTime":"9999-12-31T23:59:59Z","ClassId":0,"ClassName":"Other",'
    .. '"ClassPath":"Other","CoverUrl":"","Type":"mp4","MediaUrl":"http://1500012345.vod2.myqcloud.com/'
    .. '0a1b2c3dvodgzp1500012345/a1b2c3d4/f0.mp4","TagSet":[],"StorageRegion":"ap-guangzhou",'
    .. '"SourceInfo":{"SourceType":"Upload","SourceContext":""},"Vid":""},"ProcedureTaskId":"",'
    .. '"ReviewAudioVideoTaskId":"","MetaData":{"AudioDuration":10.0,"AudioStreamSet":[{"Bitrate":128000,'
    .. '"Codec":"aac","SamplingRate":44100}],"Bitrate":1200000,"Container":"mov,mp4,m4a,3gp,3g2,mj2",'
    .. '"Duration":10.0,"Height":720,"Rotate":0,"Size":1500000,"VideoDuration":10.0,"VideoStreamSet":[{"Bitrate":'
    .. '1072000,"Codec":"h264","Fps":25,"Height":720,"Width":1280}],"Width":1280}}}'
  headers = { ["Content-Type"] = "application/json" }
  -- bench/run.sh sets these for the run with --sign-key: VOD's Sign/T, here as headers
  if os.getenv("BENCH_SIGN") then
    headers["Sign"] = os.getenv("BENCH_SIGN")
    headers["T"] = os.getenv("BENCH_T")
  end
  -- as text: Lua numbers are doubles, and large ones would print in exponent form and collide
  id_prefix = string.format("52858%05d%02d", run, thread_id)
end

function request()
  counter = counter + 1
  return wrk.format("POST", wrk.path, headers, prefix .. id_prefix .. string.format("%09d", counter) .. middle)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
