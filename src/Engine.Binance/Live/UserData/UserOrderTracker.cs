using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>
/// Turns decoded user events into what the engine sees, exactly once each: a fill is keyed by (symbol, trade id) and
/// passed on the first time either the stream or a reconciliation brings it; the cumulative quantity the engine gets is
/// the sum of the distinct fills passed, so a reordered pair still adds up and ends Filled. Non-fill updates are
/// dropped when they repeat the order's last one or are older than it (a NEW after a fill). TRADE_LITE carries no
/// commission and no cumulative quantity: it is matched against the ORDER_TRADE_UPDATE that carries the same fill and
/// never reported itself. Orders the engine did not place become <see cref="AccountUpdateKind.ForeignFill"/> updates.
/// One thread (the stream's receive loop, and the reconciliation it runs between sockets).
/// </summary>
public sealed partial class UserOrderTracker
{
    private const int SeenCapacity = 16_384;

    private readonly IUserEventSink _sink;
    private readonly UserStreamStatistics _stats;
    private readonly Dictionary<long, TrackedOrder> _orders;
    private readonly Dictionary<long, long> _clientByVenueId;
    private readonly HashSet<(int Symbol, long TradeId)> _seenFills = new(SeenCapacity);
    private readonly Queue<(int Symbol, long TradeId)> _seenOrder = new(SeenCapacity);
    private readonly Dictionary<long, VenueOrderStatus> _algoStatus;

    public UserOrderTracker(IUserEventSink sink, UserStreamStatistics statistics, int orderCapacity = 4096)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(statistics);
        _sink = sink;
        _stats = statistics;
        _orders = new Dictionary<long, TrackedOrder>(orderCapacity);
        _clientByVenueId = new Dictionary<long, long>(orderCapacity);
        _algoStatus = new Dictionary<long, VenueOrderStatus>(orderCapacity);
    }

    /// <summary>The highest trade id of a fill passed on, per symbol: where a reconciliation's userTrades query starts.</summary>
    public long LastTradeId(SymbolId symbol) => _lastTradeId.TryGetValue(symbol.Value, out long id) ? id : 0;

    private readonly Dictionary<int, long> _lastTradeId = [];

    /// <summary>An ORDER_TRADE_UPDATE.</summary>
    public void OnOrderUpdate(in OrderUpdate u)
    {
        if (u.Origin != OrderOrigin.Engine)
        {
            OnForeign(in u);
            return;
        }

        ref TrackedOrder o = ref Track(u.ClientId, u.Symbol, u.Side, u.VenueId, u.OriginalQuantity);
        if (u.IsFill)
        {
            OnFill(ref o, u.ClientId, u.VenueId, u.LastQuantity, u.LastPrice, u.TradeId, u.IsMaker, u.Commission, u.CommissionInQuote, u.RealizedProfit, u.EventTimeMs);
            return;
        }

        VenueReportKind kind = u.Execution switch
        {
            ExecutionType.New => u.Status == VenueOrderStatus.Rejected ? VenueReportKind.Rejected : VenueReportKind.Accepted,
            ExecutionType.Canceled => VenueReportKind.Canceled,
            ExecutionType.Expired => VenueReportKind.Expired,
            _ => VenueReportKind.None,
        };
        if (kind == VenueReportKind.None)
        {
            UserStreamStatistics.Add(ref _stats.AmendmentsField); // a modify, or a fill-less TRADE: nothing the OMS acts on
            return;
        }

        OnStatus(ref o, kind, u.ClientId, u.VenueId, u.EventTimeMs);
    }

    /// <summary>A TRADE_LITE: counted against its ORDER_TRADE_UPDATE, never reported itself (it has no fee and no cumulative).</summary>
    public void OnTradeLite(in OrderUpdate u)
    {
        if (!_seenFills.Contains((u.Symbol.Value, u.TradeId)))
        {
            UserStreamStatistics.Add(ref _stats.LitesAheadField);
        }
    }

    /// <summary>An ALGO_UPDATE of a conditional order: the OMS hears its acceptance and its end; the trigger is linked, not reported.</summary>
    public void OnAlgoUpdate(in AlgoUpdate a)
    {
        if (a.Origin != OrderOrigin.Engine)
        {
            UserStreamStatistics.Add(ref _stats.ForeignOrderEventsField);
            return;
        }

        if (_algoStatus.TryGetValue(a.AlgoId, out VenueOrderStatus last) && (last == a.Status || IsAlgoEnd(last)))
        {
            if (last == a.Status)
            {
                UserStreamStatistics.Add(ref _stats.DuplicateStatusesField);
            }
            else
            {
                UserStreamStatistics.Add(ref _stats.StaleStatusesField);
            }

            return;
        }

        _algoStatus[a.AlgoId] = a.Status;
        VenueReportKind kind = a.Status switch
        {
            VenueOrderStatus.New => VenueReportKind.Accepted,
            VenueOrderStatus.Canceled => VenueReportKind.Canceled,
            VenueOrderStatus.Expired => VenueReportKind.Expired,
            VenueOrderStatus.Rejected => VenueReportKind.Rejected,
            _ => VenueReportKind.None, // TRIGGERING, TRIGGERED, FINISHED: the triggered order's own updates carry the rest
        };
        ref TrackedOrder o = ref Track(a.ClientId, a.Symbol, a.Side, a.TriggeredOrderId, a.Quantity);
        if (kind != VenueReportKind.None)
        {
            OnStatus(ref o, kind, a.ClientId, default, a.EventTimeMs);
        }
    }

    /// <summary>An ACCOUNT_UPDATE: the USDT balance and every position, each as one account update.</summary>
    public void OnAccountUpdate(UserEventParser parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        if (parser.HasBalance)
        {
            ref readonly AccountUpdate b = ref parser.Balance;
            if (b.Reason == AccountUpdateReason.FundingFee)
            {
                UserStreamStatistics.Add(ref _stats.FundingEventsField);
                UserStreamStatistics.Add(ref _stats.FundingE8Field, b.Change.E8);
            }

            _sink.OnAccountUpdate(in b);
        }

        foreach (ref readonly AccountUpdate p in parser.Positions)
        {
            _sink.OnAccountUpdate(in p);
        }
    }

    private static bool IsAlgoEnd(VenueOrderStatus s) =>
        s is VenueOrderStatus.Canceled or VenueOrderStatus.Expired or VenueOrderStatus.Rejected or VenueOrderStatus.Finished;

    private ref TrackedOrder Track(ClientOrderId clientId, SymbolId symbol, Side side, OrderId venueId, Quantity quantity)
    {
        ref TrackedOrder o = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_orders, clientId.Value, out bool exists);
        if (!exists)
        {
            o.Symbol = symbol;
            o.Side = side;
            o.OriginalQuantity = quantity;
        }

        if (!venueId.IsNone && o.VenueId != venueId)
        {
            o.VenueId = venueId; // an algo order's triggered order takes its place
            _clientByVenueId[venueId.Value] = clientId.Value;
        }

        return ref o;
    }

    private void OnStatus(ref TrackedOrder o, VenueReportKind kind, ClientOrderId clientId, OrderId venueId, long timeMs)
    {
        if (o.LastStatus == kind)
        {
            UserStreamStatistics.Add(ref _stats.DuplicateStatusesField);
            return;
        }

        if (kind == VenueReportKind.Accepted && (o.Ended || o.Filled.E8 != 0 || o.LastStatus != VenueReportKind.None))
        {
            UserStreamStatistics.Add(ref _stats.StaleStatusesField); // the order is past NEW already
            return;
        }

        o.LastStatus = kind;
        o.Ended |= kind is VenueReportKind.Canceled or VenueReportKind.Expired or VenueReportKind.Rejected;
        var report = new VenueReport
        {
            Kind = kind,
            ClientId = clientId,
            VenueId = venueId,
            Symbol = o.Symbol,
            Side = o.Side,
            CumulativeQuantity = o.Filled,
            EventTimeMs = timeMs,
        };
        Send(in report);
    }

    private void OnFill(
        ref TrackedOrder o, ClientOrderId clientId, OrderId venueId, Quantity last, Price price, long tradeId, bool maker,
        Money commission, bool commissionInQuote, Money realized, long timeMs)
    {
        if (!Remember(o.Symbol, tradeId))
        {
            UserStreamStatistics.Add(ref _stats.DuplicateFillsField);
            return;
        }

        o.Filled += last;
        CountMoney(commission, commissionInQuote, realized);
        var report = new VenueReport
        {
            Kind = o.OriginalQuantity.E8 != 0 && o.Filled >= o.OriginalQuantity ? VenueReportKind.Filled : VenueReportKind.PartiallyFilled,
            ClientId = clientId,
            VenueId = venueId,
            Symbol = o.Symbol,
            Side = o.Side,
            LastQuantity = last,
            LastPrice = price,
            TradeId = tradeId,
            CumulativeQuantity = o.Filled,
            Fee = commissionInQuote ? commission : Money.Zero,
            IsMaker = maker,
            EventTimeMs = timeMs,
        };
        Send(in report);
    }

    private void CountMoney(Money commission, bool commissionInQuote, Money realized)
    {
        if (commissionInQuote)
        {
            UserStreamStatistics.Add(ref _stats.CommissionE8Field, commission.E8);
        }
        else if (commission.E8 != 0)
        {
            UserStreamStatistics.Add(ref _stats.NonQuoteCommissionsField);
        }

        UserStreamStatistics.Add(ref _stats.RealizedProfitE8Field, realized.E8);
    }

    /// <summary>False when the fill was passed on before; the memory keeps the last 16,384 fills.</summary>
    private bool Remember(SymbolId symbol, long tradeId)
    {
        var key = (symbol.Value, tradeId);
        if (!_seenFills.Add(key))
        {
            return false;
        }

        if (_seenOrder.Count == SeenCapacity)
        {
            _seenFills.Remove(_seenOrder.Dequeue());
        }

        _seenOrder.Enqueue(key);
        ref long high = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_lastTradeId, symbol.Value, out _);
        high = Math.Max(high, tradeId);
        return true;
    }

    private void Send(in VenueReport report)
    {
        UserStreamStatistics.Add(ref _stats.ReportsField);
        _sink.OnReport(in report);
    }
}
