using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Market;
using Engine.Binance.Recording;
using Engine.Binance.Sequencing;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Benchmarks.Binance;

// What does the feed thread pay per trade to read a repeated binary recording (engine replay rec.bin --repeat N)?
// The sample's 21,313 trades as a recording in memory, played pass after pass: each pass read and checksummed again
// (a recording above RecordingReader.RetainLimitBytes, and every recording before the in-memory repeat), played from
// the records kept after the first pass, and the latter through the reorder buffer as the replay does.
[MemoryDiagnoser]
public class RecordingReplayBenchmarks
{
    private const string File = "futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz";
    private const int Trades = 1_000_000;
    private static readonly SymbolId[] Map = [new SymbolId(0)];

    private RecordingReader _checkedEveryPass = null!;
    private RecordingReader _fromMemory = null!;
    private TradeReorderBuffer _ordered = null!;
    private EngineEvent _slot;

    [GlobalSetup]
    public void Setup()
    {
        var bytes = new MemoryStream();
        using (var writer = new RecordingWriter(bytes, ["BTCUSDT"]))
        {
            foreach (Trade trade in TradeFile.Load(File))
            {
                writer.Write(trade);
            }

            writer.Flush();
        }

        byte[] recording = bytes.ToArray();
        _checkedEveryPass = new RecordingReader(new MemoryStream(recording), int.MaxValue, retainLimitBytes: 0);
        _fromMemory = new RecordingReader(new MemoryStream(recording), int.MaxValue);
        _ordered = new TradeReorderBuffer(new ReaderFeed(new RecordingReader(new MemoryStream(recording), int.MaxValue)), symbolCount: 1);
        if (!_fromMemory.RetainsRecords || _checkedEveryPass.RetainsRecords)
        {
            throw new InvalidOperationException("the readers do not take the paths described");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Trades)]
    public long CheckedEveryPass() => Drain(_checkedEveryPass);

    [Benchmark(OperationsPerInvoke = Trades)]
    public long FromMemory() => Drain(_fromMemory);

    [Benchmark(OperationsPerInvoke = Trades)]
    public long FromMemoryThroughReorderBuffer()
    {
        long sum = 0;
        for (int i = 0; i < Trades; i++)
        {
            _ordered.TryReadNext(ref _slot);
            sum += _slot.Trade.Id;
        }

        return sum;
    }

    private long Drain(RecordingReader reader)
    {
        long sum = 0;
        for (int i = 0; i < Trades; i++)
        {
            reader.TryReadNext(ref _slot, Map);
            sum += _slot.Trade.Id;
        }

        return sum;
    }

    /// <summary>The reader as the replay's input feed (the CLI's RecordingFeed does the same with a symbol map).</summary>
    private sealed class ReaderFeed(RecordingReader reader) : IInputFeed
    {
        public bool TryReadNext(ref EngineEvent slot) => reader.TryReadNext(ref slot, Map);
    }
}
