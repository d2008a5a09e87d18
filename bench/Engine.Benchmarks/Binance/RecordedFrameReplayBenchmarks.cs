using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Market;
using Engine.Binance.Json;
using Engine.Market;
using Engine.Model;

namespace Engine.Benchmarks.Binance;

// How many recorded WebSocket frames per second does one thread take from raw UTF-8 bytes through the parser, time
// aggregation and volume bars? Frames are the real USD-M BTCUSDT capture (trade, depth and bookTicker frames as
// recorded), held in memory so the figure is the engine's, not the disk's. Target: over 3 million frames/s.
[MemoryDiagnoser]
public class RecordedFrameReplayBenchmarks
{
    private byte[] _bytes = [];
    private int[] _starts = [];
    private int[] _lengths = [];
    private TradeFrameParser _parser = null!;
    private TimeAggregator _aggregator = null!;
    private VolumeBarBuilder _bars = null!;
    private const int FrameCount = 93_954; // lines in btcusdt_20240808.gz, per the data README
    private EngineEvent _slot;

    public int Frames => _starts.Length;

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(TradeFile.DataRoot(), "binance", "ws", "hftbacktest", "usdm", "btcusdt_20240808.gz");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var bytes = new List<byte>(64 << 20);
        var starts = new List<int>();
        var lengths = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            byte[] frame = System.Text.Encoding.UTF8.GetBytes(line[(space + 1)..]);
            starts.Add(bytes.Count);
            lengths.Add(frame.Length);
            bytes.AddRange(frame);
        }

        if (starts.Count != FrameCount)
        {
            throw new InvalidDataException($"{path}: expected {FrameCount} frames (OperationsPerInvoke), read {starts.Count}");
        }

        _bytes = [.. bytes];
        _starts = [.. starts];
        _lengths = [.. lengths];
        var registry = new SymbolRegistry(["BTCUSDT"]);
        _parser = new TradeFrameParser(registry);
        Reset();
    }

    [IterationSetup]
    public void Reset()
    {
        _aggregator = new TimeAggregator(new SymbolId(0));
        _bars = VolumeBarBuilder.ForBaseVolume(new SymbolId(0), new Quantity(10 * FixedPoint.Scale));
    }

    /// <summary>Parsing alone: the floor the stages add to.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = FrameCount)]
    public long ParseOnly()
    {
        long trades = 0;
        for (int i = 0; i < _starts.Length; i++)
        {
            if (_parser.TryParse(_bytes.AsSpan(_starts[i], _lengths[i]), ref _slot) == FrameParseResult.Trade)
            {
                trades++;
            }
        }

        return trades;
    }

    [Benchmark(OperationsPerInvoke = FrameCount)]
    public long ParseAggregateAndBars()
    {
        var rows = default(CountingRowSink);
        var bars = default(CountingBarSink);
        for (int i = 0; i < _starts.Length; i++)
        {
            if (_parser.TryParse(_bytes.AsSpan(_starts[i], _lengths[i]), ref _slot) == FrameParseResult.Trade)
            {
                _aggregator.OnTrade(in _slot.Trade, ref rows);
                _bars.OnTrade(in _slot.Trade, ref bars);
            }
        }

        return rows.Count + bars.Count;
    }

    private struct CountingRowSink : IRowSink
    {
        public long Count;

        public void OnRow(in AggregatedRow row) => Count++;
    }

    private struct CountingBarSink : IVolumeBarSink
    {
        public long Count;

        public void OnBar(in VolumeBar bar) => Count++;
    }
}
