-- wrk script for bench/intake: POSTs one survey response per request, each with a fresh id.
local counter = 0
local prefix = ""

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  prefix = string.format("%08x-%04x-4%03x", math.random(0, 0x7fffffff), math.random(0, 0xffff), math.random(0, 0xfff))
end

function request()
  counter = counter + 1
  local id = string.format("%s-8%03x-%012x", prefix, math.random(0, 0xfff), counter)
  local body = '{"id":"' .. id .. '","agency":"bppd-kalbar","service":"konsultasi","channel":"kiosk",' ..
    '"answers":{"U1":4,"U2":3,"U3":3,"U4":4,"U5":3,"U6":4,"U7":4,"U8":2,"U9":3},' ..
    '"respondent":{"umur":34,"jenis_kelamin":"P","pendidikan":"S1","pekerjaan":"PNS"},"saran":"Pelayanan cepat dan ramah."}'
  return wrk.format("POST", "/api/v1/responses", {["Content-Type"] = "application/json"}, body)
end
