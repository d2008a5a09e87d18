using System.IO.Compression;
using Engine.Binance.Archives;
using Engine.Binance.Json;
using Engine.Binance.Recorded;
using Engine.Binance.Sources;
using Engine.Cli.Configuration;
using Engine.Cli.Run;
using Engine.Binance.Recording;
using Engine.Model;

namespace Engine.Fuzz;

/// <summary>
/// One fuzz target: a reader or parser fed one input. <see cref="Run"/> throws what the reader throws; the harness
/// sorts that into documented input errors (<see cref="IsInputError"/>) and defects. A target also throws
/// <see cref="FuzzOracleException"/> when the reader broke one of its own promises without throwing.
/// </summary>
public sealed record FuzzTarget(string Name, string Description, Action<byte[]> Run, Func<Exception, bool> IsInputError);

/// <summary>A reader returned something it promises never to return (a defect found without an exception).</summary>
public sealed class FuzzOracleException : Exception
{
    public FuzzOracleException(string message)
        : base(message)
    {
    }

    public FuzzOracleException()
    {
    }

    public FuzzOracleException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>An input that would hit a known defect too costly to run (see <see cref="KnownDefects"/>).</summary>
public sealed class KnownDefectGuardException : Exception
{
    public KnownDefectGuardException(string message)
        : base(message)
    {
    }

    public KnownDefectGuardException()
    {
    }

    public KnownDefectGuardException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Every parser and reader of outside input, by name. Each reads the whole input through the public (or, for the
/// frame parser's two paths, the tested internal) API exactly as the engine does, with work bounded by the input's
/// size: inputs are cut to <see cref="MaxInputBytes"/>, and every reader is linear in its input.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Inputs are cut to this many bytes: it bounds each input's work (a gzip input inflates ≤ ~1000×).</summary>
    public const int MaxInputBytes = 64 * 1024;

    /// <summary>Symbol counts above this in an ENGREC01 header are not run (see <see cref="Recording"/>).</summary>
    public const uint MaxSymbolTable = 1 << 16;

    /// <summary>The symbols every target knows; anything else in an input is an unknown symbol.</summary>
    public static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("frame-fast", "JSON trade frame, fast path; when it accepts, it must agree with the general path", FrameFast, NothingThrows),
        new("frame-general", "JSON trade frame, general path (any JSON layout)", FrameGeneral, NothingThrows),
        new("trade-csv", "trades CSV (header, or headerless data.binance.vision trades)", bytes => ReadTradeCsv(bytes, TradeCsvKind.Trades, gzip: false), ReaderError),
        new("aggtrade-csv", "aggTrades CSV (header, or headerless data.binance.vision aggTrades)", bytes => ReadTradeCsv(bytes, TradeCsvKind.AggTrades, gzip: false), ReaderError),
        new("trade-csv-gz", "trades CSV inside gzip (the input bytes are the .gz file)", bytes => ReadTradeCsv(bytes, TradeCsvKind.Auto, gzip: true), ReaderError),
        new("aggregated-csv", "aggregated.csv (engine ISO-start and original end-time forms, 8 or 10 columns)", AggregatedCsv, ReaderError),
        new("recorded-frames", "recorded WebSocket frames, '<local_ns> <json>' or '<epoch_s>: <json>' per line", RecordedFrames, ReaderError),
        new("recording", "ENGREC01 binary recording, played twice (repeat 2)", Recording, ReaderError),
        new("config", "JSON configuration file (engine --config)", Config, ConfigError),
    ];

    public static FuzzTarget Get(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"no fuzz target '{name}'; targets: {string.Join(", ", All.Select(t => t.Name))}", nameof(name));

    /// <summary>The parser's contract: failures are values, nothing throws.</summary>
    private static bool NothingThrows(Exception e) => false;

    /// <summary>A file reader's documented bad-input error (the CLI turns it into exit 3 naming the file).</summary>
    private static bool ReaderError(Exception e) => e is InvalidDataException;

    /// <summary>A configuration the engine refuses (the CLI turns it into exit 2 naming the key).</summary>
    private static bool ConfigError(Exception e) => e is ConfigurationException;

    private static ReadOnlySpan<byte> Cut(byte[] bytes) => bytes.AsSpan(0, Math.Min(bytes.Length, MaxInputBytes));

    private static void FrameFast(byte[] bytes)
    {
        ReadOnlySpan<byte> frame = Cut(bytes);
        var parser = new TradeFrameParser(new SymbolRegistry(Symbols));
        EngineEvent fast = Sentinel();
        if (!parser.TryParseFast(frame, ref fast, out FrameParseResult fastResult))
        {
            if (!IsSentinel(fast))
            {
                throw new FuzzOracleException("the fast path declined but wrote the slot");
            }

            return;
        }

        EngineEvent general = Sentinel();
        FrameParseResult generalResult = parser.ParseGeneral(frame, ref general);
        if (fastResult != generalResult)
        {
            throw new FuzzOracleException($"fast path says {fastResult}, general path says {generalResult}");
        }

        if (fastResult == FrameParseResult.Trade)
        {
            if (!SameTrade(fast.Trade, general.Trade) || fast.Kind != general.Kind)
            {
                throw new FuzzOracleException("fast and general paths parsed different trades");
            }

            CheckTrade(fast, "fast path");
        }
        else if (!IsSentinel(fast) || !IsSentinel(general))
        {
            throw new FuzzOracleException($"a frame refused as {fastResult} wrote the slot");
        }
    }

    private static void FrameGeneral(byte[] bytes)
    {
        var parser = new TradeFrameParser(new SymbolRegistry(Symbols));
        EngineEvent slot = Sentinel();
        FrameParseResult result = parser.ParseGeneral(Cut(bytes), ref slot);
        if (result == FrameParseResult.Trade)
        {
            CheckTrade(slot, "general path");
        }
        else if (!IsSentinel(slot))
        {
            throw new FuzzOracleException($"a frame refused as {result} wrote the slot");
        }
    }

    private static void ReadTradeCsv(byte[] bytes, TradeCsvKind kind, bool gzip)
    {
        var registry = new SymbolRegistry(Symbols);
        Stream stream = new MemoryStream(bytes, 0, Math.Min(bytes.Length, MaxInputBytes), writable: false);
        if (gzip)
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        using var reader = new TradeCsvReader(new LineReader(stream, initialBytes: 1024, maxLineBytes: 4096), registry, registry.Add("BTCUSDT"), kind);
        Drain(reader, reader.Stats, timeNonNegative: true);
    }

    private static void AggregatedCsv(byte[] bytes)
    {
        var registry = new SymbolRegistry(Symbols);
        using var reader = new AggregatedCsvReader(Lines(bytes), registry.Add("BTCUSDT"), intervalMs: 60_000);
        var slot = default(EngineEvent);
        long events = 0;
        while (reader.TryReadNext(ref slot))
        {
            events++;
            ref AggregatedRow row = ref slot.Row;
            if (slot.Kind != EventKind.AggregatedRow || row.Trades < 0 || row.TotalQty.E8 < 0 || row.BuyQty.E8 < 0
                || row.SellQty.E8 < 0 || !double.IsFinite(row.AvgPrice))
            {
                throw new FuzzOracleException($"row {events} out of the reader's own bounds");
            }
        }

        CheckCount(events, reader.Stats);
    }

    private static void RecordedFrames(byte[] bytes)
    {
        using var reader = new RecordedFrameReader(Lines(bytes), new SymbolRegistry(Symbols));
        Drain(reader, reader.Stats, timeNonNegative: false);
    }

    private static void Recording(byte[] bytes)
    {
        var stream = new MemoryStream(bytes, 0, Math.Min(bytes.Length, MaxInputBytes), writable: false);
        using var feed = new RecordingFeed(new RecordingReader(stream, repeat: 2), new SymbolRegistry(Symbols));
        var slot = default(EngineEvent);
        long events = 0;
        while (feed.TryReadNext(ref slot))
        {
            events++;
        }

        if (events != feed.Reader.Delivered || events % 2 != 0)
        {
            throw new FuzzOracleException($"two passes delivered {events} events, the reader counted {feed.Reader.Delivered}");
        }
    }

    private static void Config(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"engine-fuzz-config-{Environment.ProcessId}.json");
        File.WriteAllBytes(path, Cut(bytes).ToArray());
        try
        {
            // What a run builds first from an accepted configuration: a configuration error must be found at load.
            (EngineOptions options, _) = EngineConfigurationLoader.Load(path, [], []);
            _ = new SymbolRegistry([options.Symbol.Name]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static LineReader Lines(byte[] bytes) =>
        new(new MemoryStream(bytes, 0, Math.Min(bytes.Length, MaxInputBytes), writable: false), initialBytes: 1024, maxLineBytes: 4096);

    private static void Drain(IEventSource source, SourceStats stats, bool timeNonNegative)
    {
        var slot = default(EngineEvent);
        long events = 0;
        while (source.TryReadNext(ref slot))
        {
            events++;
            CheckTrade(slot, $"event {events}", timeNonNegative);
        }

        CheckCount(events, stats);
    }

    private static void CheckCount(long events, SourceStats stats)
    {
        if (stats.Events != events || stats.Events + stats.Malformed + stats.Skipped > stats.Lines)
        {
            throw new FuzzOracleException($"stats say {stats.Events} events, {stats.Malformed} malformed, {stats.Skipped} skipped of {stats.Lines} lines; {events} were returned");
        }
    }

    // What every trade reader promises: a trade with a known symbol, positive price and quantity. The CSV readers
    // also refuse a negative time (BadTime); the frame parser reads any JSON integer there ("optional '-'") and
    // leaves negative times to the market stages, which count them as invalid.
    private static void CheckTrade(in EngineEvent e, string where, bool timeNonNegative = false)
    {
        ref readonly Trade t = ref e.Trade;
        if (e.Kind != EventKind.Trade || t.Price.E8 <= 0 || t.Quantity.E8 <= 0 || t.Symbol == SymbolId.None || (timeNonNegative && t.TradeTimeMs < 0))
        {
            throw new FuzzOracleException($"{where}: a trade out of the reader's own bounds (kind {e.Kind}, price {t.Price.E8}, qty {t.Quantity.E8}, symbol {t.Symbol.Value}, time {t.TradeTimeMs})");
        }
    }

    private static EngineEvent Sentinel()
    {
        var e = default(EngineEvent);
        e.Kind = (EventKind)0xEE;
        e.Trade.Id = 0x5E5E5E5E;
        e.Trade.Price = new Price(-77);
        return e;
    }

    private static bool IsSentinel(in EngineEvent e) =>
        e.Kind == (EventKind)0xEE && e.Trade.Id == 0x5E5E5E5E && e.Trade.Price.E8 == -77;

    private static bool SameTrade(in Trade a, in Trade b) =>
        a.Symbol == b.Symbol && a.Id == b.Id && a.FirstTradeId == b.FirstTradeId && a.LastTradeId == b.LastTradeId
        && a.Price.E8 == b.Price.E8 && a.Quantity.E8 == b.Quantity.E8 && a.TradeTimeMs == b.TradeTimeMs
        && a.EventTimeMs == b.EventTimeMs && a.BuyerIsMaker == b.BuyerIsMaker && a.Type == b.Type && a.IsAggregate == b.IsAggregate;
}
