using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Engine.Model;
using Engine.Oms;

namespace Engine.Benchmarks.Oms;

// How long does the OMS take from an admitted PEAK to its order request, and to place and retire a whole exit plan?
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class SignalToOrderBenchmarks
{
    private static readonly SymbolId Btc = new(0);
    private OrderManager<CountingSink> _oms = null!;
    private OrderManager<CountingSink> _busy = null!;
    private TradeSignal _signal;
    private Quantity _qty;
    private Quantity _lots;
    private Price _stop;
    private VenueReport _reject;
    private VenueReport _fill;
    private VenueReport _canceled;

    [GlobalSetup]
    public void Setup()
    {
        var filters = new VenueFilters(Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.001"), Money.FromDecimal(100m));
        var options = new OrderManagerOptions();
        _oms = new OrderManager<CountingSink>(options, [filters], default);
        _busy = new OrderManager<CountingSink>(options, [filters], default);
        _signal = new TradeSignal { Symbol = Btc, Direction = SignalDirection.Long, LastTradePrice = Price.Parse("60000"), TimeMs = 1 };
        _qty = Quantity.Parse("0.0123");
        _lots = Quantity.Parse("0.012");
        _stop = Price.Parse("120");
        _reject = new VenueReport { Kind = VenueReportKind.Rejected, Symbol = Btc, ErrorCode = BinanceErrorCode.MinNotional };
        _canceled = new VenueReport { Kind = VenueReportKind.Canceled, Symbol = Btc };
        _fill = new VenueReport { Kind = VenueReportKind.Filled, Symbol = Btc, LastPrice = Price.Parse("60000") };
        EntryPlan plan = EntryPlan.FromSignal(in _signal, _qty, _stop);
        _busy.OnEntry(in plan); // stays in Entering: every later PEAK is blocked
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_oms.Counters.EntriesBlocked + _oms.Counters.EntriesRejectedBeforeSending + _oms.Counters.IllegalTransitions != 0)
        {
            throw new InvalidOperationException("the measured path was not the one described: entries were refused");
        }
    }

    /// <summary>PEAK → entry plan → checks → market order request; a venue reject then frees the symbol for the next op.</summary>
    [Benchmark(Baseline = true)]
    public long SignalToOrderRequest()
    {
        EntryPlan plan = EntryPlan.FromSignal(in _signal, _qty, _stop);
        _oms.OnEntry(in plan);
        _reject.ClientId = _oms.Sink.LastId;
        _oms.OnReport(in _reject);
        return _oms.Sink.Count;
    }

    /// <summary>A PEAK while an entry is in flight: blocked with its reason.</summary>
    [Benchmark]
    public EntryDecision BlockedPeak()
    {
        EntryPlan plan = EntryPlan.FromSignal(in _signal, _qty, _stop);
        return _busy.OnEntry(in plan);
    }

    /// <summary>Entry, its fill (stop + TP1 + TP2 sent), the stop's fill (flat: both TPs cancelled) and the two cancel confirmations.</summary>
    [Benchmark]
    public long WholeStopLossCycle()
    {
        EntryPlan plan = EntryPlan.FromSignal(in _signal, _qty, _stop);
        _oms.OnEntry(in plan);
        ClientOrderId entry = _oms.Sink.LastId;
        _fill.ClientId = entry;
        _fill.Side = Side.Buy;
        _fill.LastQuantity = _qty;
        _fill.CumulativeQuantity = _lots; // 0.0123 floored to the 0.001 step
        _oms.OnReport(in _fill);
        _fill.ClientId = new ClientOrderId(entry.Value + 1); // the stop
        _fill.Side = Side.Sell;
        _oms.OnReport(in _fill);
        _canceled.ClientId = new ClientOrderId(entry.Value + 2);
        _oms.OnReport(in _canceled);
        _canceled.ClientId = new ClientOrderId(entry.Value + 3);
        _oms.OnReport(in _canceled);
        return _oms.Sink.Count;
    }

    public struct CountingSink : IOrderRequestSink
    {
        public long Count;
        public ClientOrderId LastId;

        public void OnOrderRequest(in OrderRequest request)
        {
            Count++;
            if (request.Command == OrderCommand.Submit)
            {
                LastId = request.ClientId;
            }
        }
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
    }
}
