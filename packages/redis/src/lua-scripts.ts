// Lua scripts: each runs atomically on the Redis server, so budget checks, reservations and
// rate-limit windows are race-free across every process sharing the instance.
// Numbers travel as strings (Lua → Redis replies truncate floats to integers).

/** Releases holds of counter `c` (zset `z`) whose time is ≤ now. */
const releaseLapsed = `
local function release_lapsed(c, z, now)
  local lapsed = redis.call('ZRANGEBYSCORE', z, '-inf', now)
  for _, hid in ipairs(lapsed) do
    local amt = redis.call('HGET', c, 'h:' .. hid)
    if amt then
      redis.call('HDEL', c, 'h:' .. hid)
      redis.call('HINCRBYFLOAT', c, 'reserved', -tonumber(amt))
    end
    redis.call('ZREM', z, hid)
  end
  if #lapsed > 0 and redis.call('ZCARD', z) == 0 and redis.call('EXISTS', c) == 1 then
    redis.call('HSET', c, 'reserved', '0')
  end
end
`;

/**
 * KEYS: reservation record, then counter hash and its holds zset per limit.
 * ARGV: id, amount, holdUntil, now, recordTtlMs, then every limit, then every counter ttl.
 * Returns {1, spent1, reserved1, …} or {0, index of the refusing limit, used}.
 */
export const reserveScript = `${releaseLapsed}
local id, amount, hold_until, now = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local n = (#KEYS - 1) / 2
for i = 1, n do
  local c, z = KEYS[2 * i], KEYS[2 * i + 1]
  release_lapsed(c, z, now)
  local spent = tonumber(redis.call('HGET', c, 'spent') or '0')
  local reserved = tonumber(redis.call('HGET', c, 'reserved') or '0')
  if spent + reserved + amount > tonumber(ARGV[5 + i]) + 1e-12 then
    return {0, i, tostring(spent + reserved)}
  end
end
local out = {1}
local counters = {}
for i = 1, n do
  local c, z = KEYS[2 * i], KEYS[2 * i + 1]
  local ttl = ARGV[5 + n + i]
  local reserved = redis.call('HINCRBYFLOAT', c, 'reserved', ARGV[2])
  redis.call('HSETNX', c, 'spent', '0')
  redis.call('HSET', c, 'h:' .. id, ARGV[2])
  redis.call('ZADD', z, hold_until, id)
  if redis.call('PTTL', c) < 0 then redis.call('PEXPIRE', c, ttl) end
  if redis.call('PTTL', z) < 0 then redis.call('PEXPIRE', z, ttl) end
  table.insert(out, redis.call('HGET', c, 'spent'))
  table.insert(out, reserved)
  table.insert(counters, c)
end
redis.call('HSET', KEYS[1], 'state', 'held', 'keys', table.concat(counters, '\\n'))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return out
`;

/**
 * KEYS: reservation record, then (for a reservation the store never saw) counter hashes.
 * ARGV: id, actual amount, record ttl, then one ttl per counter hash.
 * Idempotent: a settled record is left alone.
 */
export const settleScript = `
local id, actual = ARGV[1], ARGV[2]
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'settled' then return 0 end
if state == 'held' then
  local keys = redis.call('HGET', KEYS[1], 'keys') or ''
  for c in string.gmatch(keys, '[^\\n]+') do
    local z = c .. ':holds'
    local amt = redis.call('HGET', c, 'h:' .. id)
    if amt then
      redis.call('HDEL', c, 'h:' .. id)
      redis.call('HINCRBYFLOAT', c, 'reserved', -tonumber(amt))
      redis.call('ZREM', z, id)
      if redis.call('ZCARD', z) == 0 then redis.call('HSET', c, 'reserved', '0') end
    end
    if redis.call('EXISTS', c) == 1 then redis.call('HINCRBYFLOAT', c, 'spent', actual) end
  end
  redis.call('HSET', KEYS[1], 'state', 'settled')
  return 1
end
if #KEYS < 2 then return 0 end
for i = 2, #KEYS do
  redis.call('HINCRBYFLOAT', KEYS[i], 'spent', actual)
  redis.call('HSETNX', KEYS[i], 'reserved', '0')
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[2 + i]) end
end
redis.call('HSET', KEYS[1], 'state', 'settled')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** KEYS: counter hash and holds zset per counter. ARGV: now. Returns {spent1, reserved1, …}. */
export const readBudgetsScript = `${releaseLapsed}
local out = {}
for i = 1, #KEYS / 2 do
  local c, z = KEYS[2 * i - 1], KEYS[2 * i]
  release_lapsed(c, z, tonumber(ARGV[1]))
  table.insert(out, redis.call('HGET', c, 'spent') or '0')
  table.insert(out, redis.call('HGET', c, 'reserved') or '0')
end
return out
`;

/**
 * The sliding-window counter (same arithmetic as \`slidingWindowTake\` in @modelmux/budgets).
 * KEYS: current window, previous window. ARGV: cost, limit, windowMs, elapsedMs.
 * Returns {ok, remaining, retryAfterMs}.
 */
export const takeScript = `
local limit, window, elapsed = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local cost = math.min(tonumber(ARGV[1]), limit)
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local estimate = previous * (1 - elapsed / window) + current
if estimate + cost <= limit then
  redis.call('INCRBYFLOAT', KEYS[1], cost)
  if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], 2 * window) end
  return {1, tostring(math.max(0, math.floor(limit - estimate - cost))), '0'}
end
local wait
if current + cost <= limit and previous > 0 then
  wait = window * (1 - (limit - current - cost) / previous) - elapsed
else
  wait = window - elapsed + window * math.max(0, 1 - (limit - cost) / current)
end
return {0, tostring(math.max(0, math.floor(limit - estimate))), tostring(math.max(1, math.ceil(wait)))}
`;

/** KEYS: counter. ARGV: amount, ttlMs or ''. Returns the new value as a string. */
export const incrementScript = `
local value = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
if ARGV[2] ~= '' and redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value
`;
