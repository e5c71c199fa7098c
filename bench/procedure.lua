-- wrk script: POST /callback with ~4 KB ProcedureStateChanged FINISH events (the sample in the VOD protocol
-- notes: a transcode, a cover, snapshots, sprites and an adaptive stream), each for its own FileId and TaskId,
-- so every request is a new event for the receiver and a new media for its handler. FileIds are
-- <run><thread><counter>, unique across threads and runs. Prints the RESULT line bench/run.sh reads.
local counter = 0
local run = os.time() % 100000
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  template = [[{"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{"TaskId":"1500012345-procedurev2-@]] ..
    [[FILEID@t0","Status":"FINISH","ErrCode":0,"Message":"","FileId":"@FILEID@","FileName":"lesson-01","Fi]] ..
    [[leUrl":"http://1500012345.vod2.myqcloud.com/6b7c8d9evodgzp1500012345/a1b2c3d4@FILEID@/f0.mp4","MetaD]] ..
    [[ata":{"Size":7700180,"Container":"mov,mp4,m4a,3gp,3g2,mj2","Bitrate":1021028,"Height":720,"Width":12]] ..
    [[80,"Duration":60.0,"Rotate":0,"VideoStreamSet":[{"Bitrate":637174,"Height":720,"Width":1280,"Codec":]] ..
    [["h264","Fps":25,"CodecTag":""}],"AudioStreamSet":[{"Bitrate":383854,"SamplingRate":48000,"Codec":"aa]] ..
    [[c"}],"VideoDuration":60.0,"AudioDuration":59.99,"Md5":""},"MediaProcessResultSet":[{"Type":"Transcod]] ..
    [[e","TranscodeTask":{"Status":"SUCCESS","ErrCodeExt":"","ErrCode":0,"Message":"SUCCESS","Progress":10]] ..
    [[0,"BeginProcessTime":"2024-05-20T08:15:10Z","FinishTime":"2024-05-20T08:16:02Z","Input":{"Definition]] ..
    [[":100010,"WatermarkSet":[],"MosaicSet":[],"HeadTailSet":[],"StartTimeOffset":0,"EndTimeOffset":0},"O]] ..
    [[utput":{"Url":"http://1500012345.vod2.myqcloud.com/0a1b2c3dvodtransgzp1500012345/a1b2c3d4@FILEID@/v.]] ..
    [[f100010.mp4","Definition":100010,"Bitrate":465000,"Height":360,"Width":640,"Size":3487500,"Duration"]] ..
    [[:60.04,"Md5":"eff7031ad7877865f9a3240e9ab165ad","Container":"mov,mp4,m4a,3gp,3g2,mj2","VideoStreamSe]] ..
    [[t":[{"Bitrate":400000,"Height":360,"Width":640,"Codec":"h264","Fps":25,"CodecTag":""}],"AudioStreamS]] ..
    [[et":[{"Bitrate":64000,"SamplingRate":44100,"Codec":"aac"}],"DigitalWatermarkType":"None"}},"Animated]] ..
    [[GraphicTask":null,"SnapshotByTimeOffsetTask":null,"SampleSnapshotTask":null,"ImageSpriteTask":null,"]] ..
    [[CoverBySnapshotTask":null,"AdaptiveDynamicStreamingTask":null},{"Type":"CoverBySnapshot","CoverBySna]] ..
    [[pshotTask":{"Status":"SUCCESS","ErrCodeExt":"","ErrCode":0,"Message":"SUCCESS","Progress":100,"Input]] ..
    [[":{"Definition":10,"PositionType":"Time","PositionValue":0,"WatermarkSet":[]},"Output":{"CoverUrl":"]] ..
    [[http://1500012345.vod2.myqcloud.com/0a1b2c3dvodtransgzp1500012345/a1b2c3d4@FILEID@/coverBySnapshot/1]] ..
    [[716192962_871239011.100_0.jpg"}}},{"Type":"SnapshotByTimeOffset","SnapshotByTimeOffsetTask":{"Status]] ..
    [[":"SUCCESS","ErrCodeExt":"","ErrCode":0,"Message":"SUCCESS","Progress":100,"Input":{"Definition":10,]] ..
    [["ExtTimeOffsetSet":["1s","50%"],"TimeOffsetSet":[],"WatermarkSet":[]},"Output":{"Definition":10,"Pic]] ..
    [[InfoSet":[{"TimeOffset":1000,"Url":"http://1500012345.vod2.myqcloud.com/0a1b2c3dvodtransgzp150001234]] ..
    [[5/a1b2c3d4@FILEID@/snapshotByTime/1716192963_1.jpg","WaterMarkDefinition":[]},{"TimeOffset":30000,"U]] ..
    [[rl":"http://1500012345.vod2.myqcloud.com/0a1b2c3dvodtransgzp1500012345/a1b2c3d4@FILEID@/snapshotByTi]] ..
    [[me/1716192963_2.jpg","WaterMarkDefinition":[]}]}}},{"Type":"ImageSprites","ImageSpriteTask":{"Status]] ..
    [[":"SUCCESS","ErrCodeExt":"","ErrCode":0,"Message":"SUCCESS","Progress":100,"Input":{"Definition":10}]] ..
    [[,"Output":{"Definition":10,"Height":80,"Width":142,"TotalCount":6,"ImageUrlSet":["http://1500012345.]] ..
    [[vod2.myqcloud.com/0a1b2c3dvodtransgzp1500012345/a1b2c3d4@FILEID@/imageSprite/1716192964_0.100_0.jpg"]] ..
    [[],"WebVttUrl":"http://1500012345.vod2.myqcloud.com/0a1b2c3dvodtransgzp1500012345/a1b2c3d4@FILEID@/im]] ..
    [[ageSprite/1716192964.vtt"}}},{"Type":"AdaptiveDynamicStreaming","AdaptiveDynamicStreamingTask":{"Sta]] ..
    [[tus":"SUCCESS","ErrCodeExt":"","ErrCode":0,"Message":"SUCCESS","Progress":100,"Input":{"Definition":]] ..
    [[10,"WatermarkSet":[],"SubtitleSet":[]},"Output":{"Definition":10,"Package":"HLS","DrmType":"","Size"]] ..
    [[:15210044,"DigitalWatermarkType":"None","Url":"http://1500012345.vod2.myqcloud.com/0a1b2c3dvodtransg]] ..
    [[zp1500012345/a1b2c3d4@FILEID@/adp.10.m3u8"}}}],"AiContentReviewResultSet":[],"AiAnalysisResultSet":[]] ..
    [[],"AiRecognitionResultSet":[],"TasksPriority":0,"TasksNotifyMode":"Finish","SessionContext":"{\"orgI]] ..
    [[d\":\"o-7\",\"jobId\":\"job-9\"}","SessionId":"job-9-transcode","Operator":"","OperationType":""}}]]
  headers = { ["Content-Type"] = "application/json" }
  -- as text: Lua numbers are doubles, and large ones would print in exponent form and collide
  id_prefix = string.format("62858%05d%02d", run, thread_id)
end

function request()
  counter = counter + 1
  local file_id = id_prefix .. string.format("%09d", counter)
  return wrk.format("POST", wrk.path, headers, (template:gsub("@FILEID@", file_id)))
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
