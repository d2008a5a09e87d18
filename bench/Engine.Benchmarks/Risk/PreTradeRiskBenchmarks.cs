using BenchmarkDotNet.Attributes;
using Engine.Model;
using Engine.Risk;

namespace Engine.Benchmarks.Risk;

// How long does the risk gate take to decide on one signal: the full admit path with sizing, versus rejects early and late?
[MemoryDiagnoser]
public class PreTradeRiskBenchmarks
{
    private RiskGate _gate = null!;
    private RiskGate _haltedGate = null!;
    private TradeSignal _signal;
    private TradeSignal _farSignal;
    private RiskInputs _inputs;
    private long _time;

    [GlobalSetup]
    public void Setup()
    {
        var options = new RiskOptions
        {
            CooldownMinutes = 0,
            OrderBurst = 10_000,
            OrderRefillSeconds = 0.001, // one token per event-time millisecond: the admit path never runs dry
            EntryLimitOffsetPct = 0.0005,
        };
        _gate = new RiskGate(options);
        _haltedGate = new RiskGate(options);
        _haltedGate.Apply(new OperatorCommand(OperatorCommandKind.Halt, SymbolId.None, 0));

        _time = 1_723_118_400_000;
        _signal = new TradeSignal { Direction = SignalDirection.Long, Price = 60_000.5, TimeMs = _time };
        _farSignal = _signal with { Price = 70_000 };
        _inputs = new RiskInputs
        {
            TimeMs = _time,
            Equity = Money.FromDecimal(10_000m),
            EquityPeak = Money.FromDecimal(10_000m),
            LastTradePrice = Price.FromDecimal(60_000m),
            Atr = 512.3,
            Filters = new SymbolFilters
            {
                TickSize = Price.FromDecimal(0.1m),
                MinPrice = Price.FromDecimal(100m),
                MaxPrice = Price.FromDecimal(1_000_000m),
                StepSize = Quantity.FromDecimal(0.001m),
                MinQty = Quantity.FromDecimal(0.001m),
                MaxQty = Quantity.FromDecimal(1000m),
                MarketStepSize = Quantity.FromDecimal(0.001m),
                MarketMinQty = Quantity.FromDecimal(0.001m),
                MarketMaxQty = Quantity.FromDecimal(120m),
                MinNotional = Money.FromDecimal(5m),
                MultiplierUpE8 = 105_000_000,
                MultiplierDownE8 = 95_000_000,
            },
        };
    }

    [Benchmark(Baseline = true)]
    public long Admit()
    {
        _time++;
        RiskInputs inputs = _inputs with { TimeMs = _time };
        _gate.Check(in _signal, in inputs, out OrderSizing sizing);
        return sizing.Quantity.E8;
    }

    [Benchmark]
    public RiskVerdict RejectPriceBand() => _gate.Check(in _farSignal, in _inputs, out _);

    [Benchmark]
    public RiskVerdict RejectHalted() => _haltedGate.Check(in _signal, in _inputs, out _);
}
