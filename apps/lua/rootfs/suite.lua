-- What a ported program leans on, printed so that a run in an image can
-- be compared line by line with the same interpreter on Linux
-- (test.json: "same_as_host"): number formatting and libm, string
-- library, tables, errors through longjmp, coroutines, files, time,
-- the command line and the exit status. arg[1]: a scratch file to write.
-- Nothing here may depend on the machine (addresses, clocks, paths).
print("--- begin")
print(_VERSION, #arg, arg[0])

-- numbers: printf's %.14g and libm
print(1 / 3, 2 ^ 53, 2 ^ 63, math.pi, -0.0, 1e15, 1e16, 123456789012)
print(1e300 * 1e10, -math.huge, 0 / 0 ~= 0 / 0, 5e-324 > 0, 2 ^ -1074)
print(string.format("%.3f|%5.1f|%e|%g|%g|%x|%5d|%-5s|%q", math.pi, 2.25, 12345.678,
	0.0001, 1e20, 255, 42, "ab", "a\nb\0c"))
print(string.format("%10.4f|%-10.2e|%+d|%05.1f|%.0f|%.20g", -1 / 7, 6.02214076e23, 7, 3.14159, 2.5, 0.1))
print(math.sqrt(2), math.sin(1), math.cos(1), math.tan(0.5), math.exp(1), math.log(10))
print(math.log(8, 2), math.log(100, 10), math.fmod(7, 3), math.fmod(-7, 3), math.atan(1, 2))
print(math.floor(-3.5), math.ceil(-3.5), math.abs(-7), math.max(1, 9, 3), math.min(2.5, -1))
print(math.tointeger(3.0), math.tointeger(3.5), math.ult(1, -1), math.type(1), math.type(1.0))
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 // 2, 3 | 5, 3 ~ 5, ~0, 1 << 62, 1 >> 1)
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger)
print(tonumber("0x1p4"), tonumber("  12  "), tonumber("1e2"), tonumber("z", 36), tonumber("0x"))
print(10 / 2, 3 % math.huge, -3 % math.huge, 2 ^ 0.5, 100000000000000 * 1.5)
math.randomseed(42)
print(math.random(1, 1000), math.random(1, 1000), math.random())

-- strings
local s = "The quick brown fox"
print(s:upper(), s:len(), s:sub(5, 9), s:find("brown"), s:match("(%a+) fox"))
print(s:gsub("o", "0"))
print(string.rep("ab", 3, "-"), ("x"):byte(), string.char(72, 105), ("%d items"):format(3))
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w:reverse() end
print(table.concat(words, ","))
print(("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
print(("  trim me  "):gsub("^%s+", ""):gsub("%s+$", ""))
print(utf8.char(72, 228, 8364), utf8.len("häll€"), #"häll€")
print(string.unpack("<i4", string.pack("<i4", -2)), #string.pack("z", "abc"), string.pack(">I2", 258):byte(1, -1))
print(("%5.2s|"):format("abc"), ("%c"):format(65), tostring(nil), tostring(true))

-- tables
local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
table.insert(t, 1, 0)
table.remove(t)
print(table.concat(t, " "), #t, select("#", 1, nil, 3), table.unpack({1, 2, 3}))
print(table.concat(table.move({1, 2, 3}, 1, 3, 2, {9}), " "), next({}), rawlen({1, 2}))
local m = setmetatable({}, {__index = function(_, k) return k * 2 end, __tostring = function() return "meta" end})
print(m[21], tostring(m), rawget(m, 21))

-- errors: error() and the runtime's errors unwind with longjmp
print(pcall(error, "boom"))
print(pcall(error, "with level", 1))
print(select(2, pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))))
print(xpcall(function() local x = nil; return x.y end, function(msg) return "handled: " .. msg end))
print(pcall(function() return 1 + {} end))
print(pcall(string.format, "%d", 3.5))
print(pcall(function() error() end))
local ok, err = pcall(function()
	local ok2, e2 = pcall(error, "inner")
	error("outer after " .. e2, 0)
end)
print(ok, err)
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
print(select(2, pcall(function() local function f() return f() + 1 end return f() end)):match("stack overflow") ~= nil)

-- coroutines
local co = coroutine.wrap(function(a)
	local b = coroutine.yield(a + 1)
	local c = coroutine.yield(b * 2)
	return "done " .. c
end)
print(co(1), co(10), co("x"))
local gen = coroutine.create(function() for i = 1, 3 do coroutine.yield(i) end error("gen fails") end)
for _ = 1, 5 do io.write(tostring(select(2, coroutine.resume(gen))), " ") end
print(coroutine.status(gen))

-- closures, varargs, goto
local function counter() local n = 0; return function() n = n + 1; return n end end
local c1, c2 = counter(), counter()
print(c1(), c1(), c2())
local function va(...) return select("#", ...), ... end
print(va(nil, 2, nil))
do local i = 1 ::top:: if i < 4 then io.write(i, ";") i = i + 1 goto top end print() end

-- load and the string chunk names in messages
print(load("return 1 + 1")(), load("syntax error here"))
print(load(function() return nil end) ~= nil)

-- files: write, read back in every format, seek, rename, remove
local name = arg[1]
local f = assert(io.open(name, "w"))
f:write("line1\n", 42, " ", 3.5, "\n", "last")
f:close()
for l in io.lines(name) do print("read:", l) end
f = assert(io.open(name, "rb"))
print(f:read("l"), f:read("n"), f:read("n"), f:read("L"), f:read("a"), f:read("a"), f:read("l"))
print(f:seek("end"), f:seek("set", 2), f:read(3), f:seek("cur"))
f:close()
print(io.type(f), io.type(io.stdout), io.type(42))
print(os.rename(name, name .. ".2"), io.open(name) == nil)
print(os.remove(name .. ".2"), (os.remove(name .. ".2")) == nil)
print(os.rename("nope-a", "nope-b"))
print(io.open("/nonexistent/x"))

-- time and the environment
print(type(os.time()), os.time() > 1600000000, os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365))
print(os.date("!%c", 0), os.date("!%j %a %b %p", 1e9))
print(os.time({year = 2000, month = 1, day = 1, hour = 12}), os.difftime(10, 5))
local d = os.date("!*t", 951782400)
print(d.year, d.month, d.day, d.wday, d.yday, d.isdst)
print(os.clock() >= 0, os.getenv("TESSERA_NO_SUCH_VARIABLE"))
print(collectgarbage("count") > 0, collectgarbage("step"), collectgarbage("isrunning"))

print("--- end")
io.stdout:flush()
os.exit(3)
