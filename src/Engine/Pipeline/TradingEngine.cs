using System.Runtime.CompilerServices;
using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Risk;
using Engine.Timing;

namespace Engine.Pipeline;

/// <summary>
/// The engine thread's business logic: every input event runs, on its own slot and in this order, through the paper
/// venue and OMS marks, aggregation, volume bars, indicators, the signal, the risk gate and the OMS; whatever closes
/// or decides is written to <typeparamref name="TOut"/> (the output ring). Deterministic: event time only.
/// Single-threaded and allocation-free after construction.
/// </summary>
/// <remarks>
/// Stage latency: on timed events (one in <see cref="PipelineOptions.LatencySampleEvery"/>) each stage records its
/// own time. Stages 3-6 run inside aggregation and bars when something closes, so on those rare events the
/// aggregation and volume-bars figures include the nested stages, which are also recorded on their own.
/// </remarks>
public sealed partial class TradingEngine<TOut> where TOut : struct, IOutputSink
{
    private TOut _out; // not readonly: calls on a readonly struct field would run on a copy
    private readonly SymbolLane[] _lanes;
    private readonly FixedQueue<OrderRequest> _requests;
    private readonly OrderManager<OrderRequestQueueSink> _oms;
    private readonly PaperVenue? _venue;
    private readonly RiskGate _risk;
    private readonly AccountState _account;
    private readonly StageLatency _latency = new();
    private readonly SignalSource _signal;
    private readonly long _sampleMask;
    private readonly bool _cooldownPerSymbol;

    private long _inputTimestamp;
    private EventKind _inputKind;
    private long _nowMs;
    private bool _timed;
    private TradingState _breakerState;

    public TradingEngine(PipelineOptions options, TOut output, bool paperVenue = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid pipeline options: " + string.Join("; ", errors), nameof(options));
        }

        _out = output;
        _signal = options.Signal;
        _sampleMask = options.LatencySampleEvery - 1;
        _lanes = new SymbolLane[options.Symbols.Count];
        var filters = new VenueFilters[options.Symbols.Count];
        for (int i = 0; i < _lanes.Length; i++)
        {
            _lanes[i] = new SymbolLane(new SymbolId(i), options.Symbols[i], options);
            SymbolFilters f = options.Symbols[i].Filters;
            filters[i] = new VenueFilters(f.TickSize, f.MarketStepSize.E8 > 0 ? f.MarketStepSize : f.StepSize, f.MinQty, f.MinNotional)
            {
                MaxQuantity = f.MaxQty,
                MarketMaxQuantity = f.MarketMaxQty.E8 > 0 ? f.MarketMaxQty : f.MaxQty,
                MultiplierUpE8 = f.MultiplierUpE8,
                MultiplierDownE8 = f.MultiplierDownE8,
            };
        }

        OrderManagerOptions omsOptions = options.OrderManager with { MaxSymbols = Math.Max(options.OrderManager.MaxSymbols, _lanes.Length) };
        _requests = new FixedQueue<OrderRequest>(options.Paper.RequestQueueCapacity);
        _oms = new OrderManager<OrderRequestQueueSink>(omsOptions, filters, new OrderRequestQueueSink(_requests));
        PaperVenueOptions paper = options.Paper.WalletBalance > 0 ? options.Paper : options.Paper with { WalletBalance = options.StartingEquity };
        _venue = paperVenue ? new PaperVenue(paper, filters) : null;
        _risk = new RiskGate(options.Risk);
        _account = new AccountState(Money.FromDecimal(options.StartingEquity), options.Risk.DrawdownReference);
        _breakerState = _risk.State;
        _cooldownPerSymbol = options.Risk.CooldownScope == CooldownScope.Symbol;
        _oms.OnTradingState(_breakerState, 0);
    }

    public StageLatency Latency => _latency;

    public EngineCounters Counters { get; } = new();

    /// <summary>Trades that arrived after their interval's row was written, over every symbol (read after the run).</summary>
    public long LateTrades
    {
        get
        {
            long late = 0;
            foreach (SymbolLane lane in _lanes)
            {
                late += lane.Aggregator.LateTrades;
            }

            return late;
        }
    }

    public AccountState Account => _account;

    public RiskGate Risk => _risk;

    public OrderManager<OrderRequestQueueSink> OrderManager => _oms;

    public PaperVenue? Venue => _venue;

    /// <summary>The output sink, by reference (tests read what it collected).</summary>
    public ref TOut Output => ref _out;

    /// <summary>
    /// Primes the symbol's DeltaScout state with a closed row from before the run (warm start): windows, EMA50 and the
    /// previous-candidate slot advance exactly as for a live row, but nothing is emitted and nothing trades. Call it
    /// before the engine thread starts. Returns false for a row the detector refused or an unknown symbol.
    /// </summary>
    public bool WarmStart(in AggregatedRow row)
    {
        if (!TryLane(row.Symbol, out SymbolLane lane))
        {
            return false;
        }

        if (row.HasHighLow && row.Trades > 0)
        {
            lane.RowAtr.Update(row.HighPrice.ToDouble(), row.LowPrice.ToDouble(), row.HasClose ? row.ClosePrice.ToDouble() : row.AvgPrice);
        }

        lane.RowSwing.Add(in row);
        return lane.Scout.Warm(in row);
    }

    /// <summary>Processes one input event in full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the untimed path (nearly every event) joins the ring's loop
    public void OnEvent(ref EngineEvent e)
    {
        _inputTimestamp = e.ReceivedTimestamp;
        _inputKind = e.Kind;
        _timed = (Counters.Events++ & _sampleMask) == 0;
        if (!_timed)
        {
            Dispatch(ref e);
            return;
        }

        OnTimedEvent(ref e);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnTimedEvent(ref EngineEvent e)
    {
        // A timed event records its stages inside one critical section of the latency recorder, so the status
        // thread's interval swap waits for the event's records to finish (and never reads a histogram being written).
        long critical = _latency.BeginEvent();
        try
        {
            _latency.Record(Stage.ReceivedToEngine, _inputTimestamp, EngineClock.Timestamp());
            Dispatch(ref e);
            _latency.Record(Stage.ReceivedToDone, _inputTimestamp, EngineClock.Timestamp());
        }
        finally
        {
            _latency.EndEvent(critical);
        }
    }

    private void Dispatch(ref EngineEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Trade:
                OnTrade(in e.Trade);
                break;
            case EventKind.AggregatedRow:
                OnInputRow(in e.Row);
                break;
            case EventKind.VenueReport:
                if (_venue is null && _nowMs > 0)
                {
                    // A live venue's report is applied at the engine's time (the market's): the engine keeps one clock,
                    // so cooldowns, timeouts and time exits measured from a fill compare with signal and trade times. On
                    // Binance both are the server's clock, milliseconds apart; a venue whose clock is not the market's
                    // (the sim's trading desk keeps the wall clock while its tape plays 2024) cannot move the engine's.
                    VenueReport atEngineTime = e.Report;
                    atEngineTime.EventTimeMs = _nowMs;
                    ApplyReport(in atEngineTime);
                }
                else
                {
                    ApplyReport(in e.Report);
                }

                ForwardRequests();
                break;
            case EventKind.TimerTick:
                OnTimer(e.TimerMs);
                break;
            case EventKind.OperatorCommand:
                OnOperator(in e.Command);
                break;
            case EventKind.EndOfStream:
                OnEndOfStream();
                break;
            case EventKind.MarkPrice:
                OnMarkPrice(in e.Mark);
                break;
            case EventKind.FeedGap:
                OnFeedGap(in e.Gap);
                break;
            case EventKind.VenueThrottled:
                Counters.VenueThrottles++;
                _risk.OnVenueThrottled(_nowMs + Math.Max(0, e.ThrottleMs));
                break;
            default:
                Counters.IgnoredEvents++;
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long StageStart() => _timed ? EngineClock.Timestamp() : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long StageEnd(Stage stage, long start)
    {
        if (!_timed)
        {
            return 0;
        }

        long end = EngineClock.Timestamp();
        _latency.Record(stage, start, end);
        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryLane(SymbolId symbol, out SymbolLane lane)
    {
        SymbolLane[] lanes = _lanes;
        if ((uint)symbol.Value < (uint)lanes.Length)
        {
            lane = lanes[symbol.Value];
            return true;
        }

        lane = null!;
        CountUnknownSymbol();
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountUnknownSymbol() => Counters.UnknownSymbolEvents++;

    private ref OutputEvent ClaimOutput(OutputKind kind)
    {
        ref OutputEvent o = ref _out.Claim();
        o.Kind = kind;
        o.InputKind = _inputKind;
        o.InputTimestamp = _inputTimestamp;
        o.TimeMs = _nowMs;
        return ref o;
    }
}
