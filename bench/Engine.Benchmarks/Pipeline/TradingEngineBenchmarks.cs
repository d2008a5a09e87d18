using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Market;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Risk;
using Engine.Signals;
using Engine.Timing;

namespace Engine.Benchmarks.Pipeline;

// What does one real trade cost on the engine thread (TradingEngine.OnEvent: venue and OMS marks, 1 s rows with
// DeltaScout, 10 BTC volume bars, risk and orders as in the replay sample), against the floor of touching the slots,
// and how much of it is the stage timing: none, one event in 64 (as-fast-as-possible replay) or every event (paced)?
[MemoryDiagnoser]
public class TradingEngineBenchmarks
{
    private const string File = "futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz";
    private const int TradeCount = 21_313; // rows in that file (data README)

    private EngineEvent[] _slots = [];
    private long _spanMs;
    private long _idSpan;
    private TradingEngine<DiscardingOutputSink> _untimed = null!;
    private TradingEngine<DiscardingOutputSink> _replay = null!;
    private TradingEngine<DiscardingOutputSink> _paced = null!;

    [GlobalSetup]
    public void Setup()
    {
        Trade[] trades = TradeFile.Load(File);
        if (trades.Length != TradeCount)
        {
            throw new InvalidOperationException($"expected {TradeCount} trades, loaded {trades.Length}");
        }

        _slots = new EngineEvent[trades.Length];
        for (int i = 0; i < trades.Length; i++)
        {
            _slots[i].Kind = EventKind.Trade;
            _slots[i].Trade = trades[i];
        }

        _spanMs = trades[^1].TradeTimeMs - trades[0].TradeTimeMs + 1;
        _idSpan = trades[^1].Id - trades[0].Id + 1;
        _untimed = new TradingEngine<DiscardingOutputSink>(Options(1 << 30), new DiscardingOutputSink());
        _replay = new TradingEngine<DiscardingOutputSink>(Options(64), new DiscardingOutputSink());
        _paced = new TradingEngine<DiscardingOutputSink>(Options(1), new DiscardingOutputSink());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // BenchmarkDotNet sets up and cleans up once per benchmark method: only the engine that method ran has events.
        foreach (TradingEngine<DiscardingOutputSink> engine in new[] { _untimed, _replay, _paced })
        {
            if (engine.Counters.Events > 0 && (engine.Counters.Rows == 0 || engine.Counters.Signals == 0))
            {
                throw new InvalidOperationException("the measured path was not the one described: no rows or no signals");
            }
        }
    }

    /// <summary>The floor: one pass that moves each slot to the next lap (as --repeat does) and reads its quantity.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TradeCount)]
    public long NextLapOnly() => NextLap();

    [Benchmark(OperationsPerInvoke = TradeCount)]
    public long Untimed() => Run(_untimed);

    [Benchmark(OperationsPerInvoke = TradeCount)]
    public long ReplayTimingOneIn64() => Run(_replay);

    [Benchmark(OperationsPerInvoke = TradeCount)]
    public long PacedTimingEveryEvent() => Run(_paced);

    private long Run(TradingEngine<DiscardingOutputSink> engine)
    {
        long sum = NextLap();
        EngineEvent[] slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            engine.OnEvent(ref slots[i]);
        }

        return sum + engine.Counters.Rows;
    }

    // Every call plays the trades one lap later in time and ids, so the engine always sees a continuous stream.
    private long NextLap()
    {
        EngineEvent[] slots = _slots;
        long now = EngineClock.Timestamp();
        long sum = 0;
        for (int i = 0; i < slots.Length; i++)
        {
            ref EngineEvent e = ref slots[i];
            e.ReceivedTimestamp = now;
            e.Trade.TradeTimeMs += _spanMs;
            e.Trade.EventTimeMs += _spanMs;
            e.Trade.Id += _idSpan;
            e.Trade.FirstTradeId += _idSpan;
            e.Trade.LastTradeId += _idSpan;
            sum += e.Trade.Quantity.E8;
        }

        return sum;
    }

    private static PipelineOptions Options(int sampleEvery)
    {
        var tick = Price.Parse("0.1");
        var step = Quantity.Parse("0.001");
        var filters = new SymbolFilters
        {
            TickSize = tick, MinPrice = tick, MaxPrice = new Price(0),
            StepSize = step, MinQty = step, MaxQty = new Quantity(long.MaxValue / 4),
            MarketStepSize = step, MarketMinQty = step, MarketMaxQty = new Quantity(long.MaxValue / 4),
            MinNotional = Money.FromDecimal(5m),
        };

        // As src/Engine.Cli/Samples/replay.json: 1 s rows, DeltaScout's gates wide open, 10 BTC bars.
        return new PipelineOptions
        {
            Symbols = [new SymbolSetup { Name = "BTCUSDT", Filters = filters, BarSize = 10m }],
            IntervalMs = 1_000,
            Signal = SignalSource.DeltaScout,
            DeltaScout = new DeltaScoutOptions
            {
                RollWindowMin = 20, VwapWindowMin = 30, Chop30Max = 1000, Coh10Min = 0, ImbMin = 0, ImbMax = 1, VwapMaxDistUsd = 1000,
            },
            Risk = new RiskOptions { CooldownMinutes = 0.5, MaxTradesPerDay = 1000, MaxConsecutiveLosses = 1000, OrderBurst = 100, OrderRefillSeconds = 1 },
            OrderManager = new OrderManagerOptions(),
            LatencySampleEvery = sampleEvery,
        };
    }

    /// <summary>Keeps nothing: the output ring's cost is not the engine's (one slot, reused).</summary>
    private readonly struct DiscardingOutputSink : IOutputSink
    {
        private readonly OutputEvent[] _slot = new OutputEvent[1];

        public DiscardingOutputSink()
        {
        }

        public ref OutputEvent Claim() => ref _slot[0];

        public void Publish()
        {
        }
    }
}
