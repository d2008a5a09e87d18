using BenchmarkDotNet.Attributes;
using Engine.Binance.Sequencing;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Benchmarks.Binance.Sequencing;

// What does putting trades back in id order cost the feed thread per trade? The same stream of trades read straight
// from memory (the baseline), through the reorder buffer in order (its steady path), and with one pair in a hundred
// swapped (the held path). The stream continues across invocations (ids and times run on), as a live feed's would.
[MemoryDiagnoser]
public class TradeReorderBufferBenchmarks
{
    private const int Trades = 1_000_000;
    private StreamFeed _direct = null!;
    private TradeReorderBuffer _inOrder = null!;
    private TradeReorderBuffer _swapped = null!;
    private EngineEvent _slot;

    [GlobalSetup]
    public void Setup()
    {
        _direct = new StreamFeed(swapEvery: 0);
        _inOrder = new TradeReorderBuffer(new StreamFeed(swapEvery: 0), symbolCount: 1);
        _swapped = new TradeReorderBuffer(new StreamFeed(swapEvery: 100), symbolCount: 1);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Trades)]
    public long Direct() => Drain(_direct);

    [Benchmark(OperationsPerInvoke = Trades)]
    public long ReorderBufferInOrder() => Drain(_inOrder);

    [Benchmark(OperationsPerInvoke = Trades)]
    public long ReorderBufferOnePairInAHundredSwapped() => Drain(_swapped);

    private long Drain(IInputFeed feed)
    {
        long sum = 0;
        for (int i = 0; i < Trades; i++)
        {
            feed.TryReadNext(ref _slot);
            sum += _slot.Trade.Id;
        }

        return sum;
    }

    /// <summary>An endless stream of trades 10 ms apart, ids from 1; with <c>swapEvery</c>, one pair in that many swapped.</summary>
    private sealed class StreamFeed(int swapEvery) : IInputFeed
    {
        private long _n;

        public bool TryReadNext(ref EngineEvent slot)
        {
            long n = _n++;
            long id = n + 1;
            if (swapEvery > 0 && n % swapEvery == 10)
            {
                id++;
            }
            else if (swapEvery > 0 && n % swapEvery == 11)
            {
                id--;
            }

            slot.Kind = EventKind.Trade;
            ref Trade t = ref slot.Trade;
            t.Symbol = new SymbolId(0);
            t.Id = t.FirstTradeId = t.LastTradeId = id;
            t.Price = new Price(6_000_000_000_000);
            t.Quantity = new Quantity(1_000_000);
            t.TradeTimeMs = t.EventTimeMs = 1_723_161_256_000 + (n * 10);
            t.Type = TradeType.Market;
            return true;
        }
    }
}
