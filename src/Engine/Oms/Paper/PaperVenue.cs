using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms.Paper;

/// <summary>
/// A simulated Binance USD-M venue that lives on the engine thread and runs in event time, so a replay is deterministic.
/// Requests go in through <see cref="Submit"/> and reach the venue <see cref="PaperVenueOptions.LatencyMs"/> later in
/// event time; the trade stream (<see cref="OnTrade"/>) or closed rows (<see cref="OnRow"/>) drive matching; reports
/// come out, in event-time order, through <see cref="TryTakeReport"/> as the same <see cref="VenueReport"/> a real
/// venue's gateway would publish. It rejects what Binance rejects, with Binance's codes.
/// </summary>
public sealed partial class PaperVenue
{
    private readonly VenueFilters[] _filters;
    private readonly FixedQueue<OrderRequest> _inbound;
    private readonly FixedQueue<VenueReport> _reports;
    private readonly PaperOrder[] _book;
    private readonly Quantity[] _position;
    private readonly Price[] _lastPrice;
    private readonly long _latencyMs;
    private readonly long _slippageTicks;
    private readonly long _makerRateE8;
    private readonly long _takerRateE8;
    private readonly Money _walletBalance; // zero: no margin check
    private readonly int _leverage;
    private readonly bool _walkPrints;
    private int _bookHighWater;
    private int _resting; // orders in the book (InUse); each goes true → false once, through Release
    private long _lastVenueId;

    public PaperVenue(PaperVenueOptions options, ReadOnlySpan<VenueFilters> filtersBySymbol)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _filters = filtersBySymbol.ToArray();
        _inbound = new FixedQueue<OrderRequest>(options.RequestQueueCapacity);
        _reports = new FixedQueue<VenueReport>(options.ReportQueueCapacity);
        _book = new PaperOrder[options.MaxRestingOrders];
        _position = new Quantity[_filters.Length];
        _lastPrice = new Price[_filters.Length];
        _latencyMs = options.LatencyMs;
        _slippageTicks = options.SlippageTicks;
        _makerRateE8 = (long)(options.MakerFeeRate * FixedPoint.Scale);
        _takerRateE8 = (long)(options.TakerFeeRate * FixedPoint.Scale);
        _walletBalance = Money.FromDecimal(options.WalletBalance);
        _leverage = options.Leverage;
        _walkPrints = options.MarketOrdersWalkPrints;
    }

    /// <summary>Which fill model this run used: set by the first input, trades or rows.</summary>
    public PaperFillModel FillModel { get; private set; }

    /// <summary>Inputs of the other kind after the model was set (a run mixing trades and rows); they are ignored.</summary>
    public long MixedInputs { get; private set; }

    public long Accepted { get; private set; }
    public long Rejected { get; private set; }
    public long FillCount { get; private set; }

    /// <summary>Reports lost because nobody took them (the report queue was full).</summary>
    public long ReportOverflows => _reports.Overflows;

    /// <summary>The venue's own view of the position (signed), which reduce-only checks use.</summary>
    public Quantity PositionOf(SymbolId symbol) => _position[symbol.Value];

    public int RestingOrders
    {
        get
        {
            int n = 0;
            for (int i = 0; i < _bookHighWater; i++)
            {
                n += _book[i].InUse ? 1 : 0;
            }

            return n;
        }
    }

    /// <summary>Takes a request; the venue sees it at its decision time plus the latency, when the input reaches that time.</summary>
    public void Submit(in OrderRequest request)
    {
        if (!_inbound.TryEnqueue(in request))
        {
            if (request.Command == OrderCommand.Cancel)
            {
                // The cancel never left: the order still rests, so this is a refused cancel (not terminal), never a reject.
                EmitCancelRejected(in request, BinanceErrorCode.ServerBusy, request.TimeMs);
                return;
            }

            EmitRejected(in request, BinanceErrorCode.NewOrderRejected, request.TimeMs); // the gateway could not even send it
        }
    }

    public bool TryTakeReport(out VenueReport report) => _reports.TryDequeue(out report);

    /// <summary>True when a report waits for <see cref="TryTakeReport"/> (one compare, for the per-trade path).</summary>
    public bool HasReports => _reports.Count != 0;

    /// <summary>Processes every request that has reached the venue by <paramref name="nowMs"/> (inclusive), in arrival order.</summary>
    private void Arrive(long nowMs)
    {
        while (_inbound.Count > 0 && _inbound.Peek().TimeMs + _latencyMs <= nowMs)
        {
            _inbound.TryDequeue(out OrderRequest request);
            long arrivalMs = request.TimeMs + _latencyMs;
            if (request.Command == OrderCommand.Cancel)
            {
                ArriveCancel(in request, arrivalMs);
            }
            else if (request.Command == OrderCommand.Query)
            {
                ArriveQuery(in request, arrivalMs);
            }
            else
            {
                ArriveSubmit(in request, arrivalMs);
            }
        }
    }

    private void ArriveSubmit(in OrderRequest request, long arrivalMs)
    {
        BinanceErrorCode error = Validate(in request);
        if (error != BinanceErrorCode.None)
        {
            EmitRejected(in request, error, arrivalMs);
            return;
        }

        int slot = FreeSlot();
        if (slot < 0)
        {
            EmitRejected(in request, BinanceErrorCode.MaxOpenOrdersExceeded, arrivalMs);
            return;
        }

        ref PaperOrder o = ref _book[slot];
        o = default;
        o.InUse = true;
        _resting++;
        o.Request = request;
        o.VenueId = new OrderId(++_lastVenueId);
        o.AcceptedMs = arrivalMs;
        o.TakerOnFill = request.Type == OrderType.Limit && FillRules.WouldTake(request.Side, request.Price, _lastPrice[request.Symbol.Value]);
        Accepted++;
        Emit(in o, VenueReportKind.Accepted, arrivalMs);
    }

    private void ArriveCancel(in OrderRequest request, long arrivalMs)
    {
        for (int i = 0; i < _bookHighWater; i++)
        {
            ref PaperOrder o = ref _book[i];
            if (o.InUse && o.Request.ClientId == request.ClientId && o.Request.Symbol == request.Symbol)
            {
                Release(ref o);
                Emit(in o, VenueReportKind.Canceled, arrivalMs);
                return;
            }
        }

        EmitCancelRejected(in request, BinanceErrorCode.CancelRejected, arrivalMs); // filled, expired or never seen: -2011
    }

    private void EmitCancelRejected(in OrderRequest request, BinanceErrorCode error, long timeMs)
    {
        VenueReport r = default;
        r.Kind = VenueReportKind.CancelRejected;
        r.ClientId = request.ClientId;
        r.VenueId = request.VenueId;
        r.Symbol = request.Symbol;
        r.ErrorCode = error;
        r.EventTimeMs = timeMs;
        _reports.TryEnqueue(in r);
    }

    /// <summary>
    /// A status query: a resting order is reported as still working (Accepted, with what it filled so far); any other
    /// is not found (-2013). The paper venue forgets orders once they end, and their end was reported already.
    /// </summary>
    private void ArriveQuery(in OrderRequest request, long arrivalMs)
    {
        for (int i = 0; i < _bookHighWater; i++)
        {
            ref PaperOrder o = ref _book[i];
            if (o.InUse && o.Request.ClientId == request.ClientId && o.Request.Symbol == request.Symbol)
            {
                Emit(in o, VenueReportKind.Accepted, arrivalMs);
                return;
            }
        }

        VenueReport r = default;
        r.Kind = VenueReportKind.NotFound;
        r.ClientId = request.ClientId;
        r.VenueId = request.VenueId;
        r.Symbol = request.Symbol;
        r.ErrorCode = BinanceErrorCode.NoSuchOrder;
        r.EventTimeMs = arrivalMs;
        _reports.TryEnqueue(in r);
    }

    /// <summary>Fills <paramref name="quantity"/> of a resting order at <paramref name="price"/>; reduce-only orders never grow the position.</summary>
    private void Fill(ref PaperOrder o, Quantity quantity, Price price, bool maker, long timeMs)
    {
        int s = o.Request.Symbol.Value;
        if (o.Request.ReduceOnly)
        {
            quantity = FillRules.ReduceOnlyRoom(o.Request.Side, _position[s], quantity);
            if (quantity.E8 == 0)
            {
                Release(ref o);
                Emit(in o, VenueReportKind.Expired, timeMs); // reduce-only with nothing left to reduce (expiry reason 4)
                return;
            }
        }

        o.Filled += quantity;
        _position[s] += o.Request.Side == Side.Buy ? quantity : new Quantity(-quantity.E8);
        FillCount++;
        bool done = o.Remaining.E8 == 0;
        if (done)
        {
            Release(ref o);
        }

        VenueReport r = default;
        r.Kind = done ? VenueReportKind.Filled : VenueReportKind.PartiallyFilled;
        r.ClientId = o.Request.ClientId;
        r.VenueId = o.VenueId;
        r.Symbol = o.Request.Symbol;
        r.Side = o.Request.Side;
        r.LastQuantity = quantity;
        r.LastPrice = price;
        r.CumulativeQuantity = o.Filled;
        r.Fee = FillRules.Fee(price, quantity, maker, _makerRateE8, _takerRateE8);
        r.IsMaker = maker;
        r.EventTimeMs = timeMs;
        _reports.TryEnqueue(in r);

        if (!done && o.Request.ReduceOnly && o.Request.Type != OrderType.Limit && _position[s].E8 == 0)
        {
            Release(ref o);
            Emit(in o, VenueReportKind.Expired, timeMs); // a closing market order's rest has nothing left to close
        }
    }

    /// <summary>Fills the whole remainder as taker at <paramref name="reference"/> moved against the order by the slippage.</summary>
    private void FillAtMarket(ref PaperOrder o, Price reference, long timeMs) => FillAtMarket(ref o, o.Remaining, reference, timeMs);

    /// <summary>
    /// Fills up to <paramref name="available"/> as taker at <paramref name="reference"/> moved against the order by the
    /// slippage; returns the quantity filled, so orders sharing one print take its quantity once between them.
    /// </summary>
    private Quantity FillAtMarket(ref PaperOrder o, Quantity available, Price reference, long timeMs)
    {
        long slip = _filters[o.Request.Symbol.Value].TickSize.E8 * _slippageTicks;
        Price price = new(o.Request.Side == Side.Buy ? reference.E8 + slip : reference.E8 - slip);
        Quantity q = o.Remaining < available ? o.Remaining : available;
        if (q.E8 > 0)
        {
            Fill(ref o, q, price, false, timeMs);
        }

        return q;
    }

    private void Release(ref PaperOrder o)
    {
        o.InUse = false;
        _resting--;
    }

    private int FreeSlot()
    {
        for (int i = 0; i < _book.Length; i++)
        {
            if (!_book[i].InUse)
            {
                if (i >= _bookHighWater)
                {
                    _bookHighWater = i + 1;
                }

                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(in PaperOrder o, VenueReportKind kind, long timeMs)
    {
        VenueReport r = default;
        r.Kind = kind;
        r.ClientId = o.Request.ClientId;
        r.VenueId = o.VenueId;
        r.Symbol = o.Request.Symbol;
        r.Side = o.Request.Side;
        r.CumulativeQuantity = o.Filled;
        r.EventTimeMs = timeMs;
        _reports.TryEnqueue(in r);
    }

    private void EmitRejected(in OrderRequest request, BinanceErrorCode error, long timeMs)
    {
        Rejected++;
        VenueReport r = default;
        r.Kind = VenueReportKind.Rejected;
        r.ClientId = request.ClientId;
        r.Symbol = request.Symbol;
        r.Side = request.Side;
        r.ErrorCode = error;
        r.EventTimeMs = timeMs;
        _reports.TryEnqueue(in r);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AcceptInput(PaperFillModel model)
    {
        if (FillModel == PaperFillModel.None)
        {
            FillModel = model;
        }

        if (FillModel != model)
        {
            MixedInputs++;
            return false;
        }

        return true;
    }
}
