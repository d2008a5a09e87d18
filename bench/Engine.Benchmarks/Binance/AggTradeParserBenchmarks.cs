using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Engine.Binance.Json;
using Engine.Model;

namespace Engine.Benchmarks.Binance;

// What does one aggTrade frame cost from UTF-8 bytes to a filled ring slot, raw and in the combined-stream envelope,
// against System.Text.Json's Utf8JsonReader merely walking the same frame and reading the same fields? TryParse takes
// the fast path on Binance's own layout; ParseRawGeneralPath is what any other layout (whitespace, reordered keys)
// costs through the fallback.
[MemoryDiagnoser]
public class AggTradeParserBenchmarks
{
    private static readonly byte[] Raw =
        """{"e":"aggTrade","E":1723161256322,"a":2253770001,"s":"BTCUSDT","p":"61800.30","q":"0.006","f":5266583935,"l":5266583937,"T":1723161256320,"m":false}"""u8.ToArray();

    private static readonly byte[] Combined =
        """{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1723161256322,"a":2253770001,"s":"BTCUSDT","p":"61800.30","q":"0.006","f":5266583935,"l":5266583937,"T":1723161256320,"m":false}}"""u8.ToArray();

    private static readonly byte[] Depth =
        """{"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":1723161256299,"T":1723161256298,"s":"BTCUSDT","U":5123107832006,"u":5123107837557,"pu":5123107831937,"b":[["58710.20","0.014"],["61496.50","0.010"]],"a":[["61800.40","1.2"]]}}"""u8.ToArray();

    private TradeFrameParser _parser = null!;
    private EngineEvent _slot;

    [GlobalSetup]
    public void Setup() => _parser = new TradeFrameParser(new SymbolRegistry(["BTCUSDT", "ETHUSDT"]));

    [Benchmark(Baseline = true)]
    public long Utf8JsonReaderWalk()
    {
        var reader = new Utf8JsonReader(Raw);
        long sum = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            byte key = reader.ValueSpan[0];
            reader.Read();
            switch (key)
            {
                case (byte)'E' or (byte)'a' or (byte)'f' or (byte)'l' or (byte)'T':
                    sum += reader.GetInt64();
                    break;
                case (byte)'p' or (byte)'q':
                    sum += FixedPoint.TryParse(reader.ValueSpan, out long e8) ? e8 : 0;
                    break;
                case (byte)'m':
                    sum += reader.GetBoolean() ? 1 : 0;
                    break;
            }
        }

        return sum;
    }

    [Benchmark]
    public FrameParseResult ParseRaw() => _parser.TryParse(Raw, ref _slot);

    [Benchmark]
    public FrameParseResult ParseCombined() => _parser.TryParse(Combined, ref _slot);

    [Benchmark]
    public FrameParseResult ParseRawGeneralPath() => _parser.ParseGeneral(Raw, ref _slot);

    [Benchmark]
    public FrameParseResult SkipDepthUpdate() => _parser.TryParse(Depth, ref _slot);
}
