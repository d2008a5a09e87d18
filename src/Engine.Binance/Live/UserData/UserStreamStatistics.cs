namespace Engine.Binance.Live.UserData;

/// <summary>
/// The user stream's counters: written by the stream's threads with interlocked increments, read by any thread
/// (status line, run report, health rule). Money totals are in 10^-8 USDT.
/// </summary>
public sealed class UserStreamStatistics
{
    internal long FramesField, OrderUpdatesField, TradeLitesField, AlgoUpdatesField, AccountUpdatesField, UnknownEventsField;
    internal long MalformedField, DuplicateFillsField, LitesAheadField, DuplicateStatusesField, StaleStatusesField;
    internal long ForeignFillsField, ForeignOrderEventsField, LiquidationFillsField, AdlFillsField, SettlementFillsField;
    internal long FundingEventsField, FundingE8Field, CommissionE8Field, NonQuoteCommissionsField, RealizedProfitE8Field;
    internal long ReportsField, KeysCreatedField, KeepalivesField, KeepaliveFailuresField, KeysExpiredField;
    internal long ConnectsField, DisconnectsField, ReconciliationsField, ReconciliationFailuresField, FillsRecoveredField;
    internal long StatusesRecoveredField, AmendmentsField, ConnectedSinceTicks, DownSinceTicks;

    public long Frames => Volatile.Read(ref FramesField);
    public long OrderUpdates => Volatile.Read(ref OrderUpdatesField);
    public long TradeLites => Volatile.Read(ref TradeLitesField);
    public long AlgoUpdates => Volatile.Read(ref AlgoUpdatesField);
    public long AccountUpdates => Volatile.Read(ref AccountUpdatesField);

    /// <summary>Frames with an event type the stream does not act on (MARGIN_CALL, ACCOUNT_CONFIG_UPDATE, new ones).</summary>
    public long UnknownEvents => Volatile.Read(ref UnknownEventsField);

    /// <summary>Frames that were not JSON or lacked a field their type needs.</summary>
    public long Malformed => Volatile.Read(ref MalformedField);

    /// <summary>Fills seen a second time (a duplicate frame, or a fill reconciliation found that the stream had delivered).</summary>
    public long DuplicateFills => Volatile.Read(ref DuplicateFillsField);

    /// <summary>TRADE_LITE frames whose ORDER_TRADE_UPDATE had not arrived yet (it carries the fill to the engine).</summary>
    public long LitesAhead => Volatile.Read(ref LitesAheadField);

    /// <summary>Non-fill updates identical to the order's previous one, dropped.</summary>
    public long DuplicateStatuses => Volatile.Read(ref DuplicateStatusesField);

    /// <summary>Updates older than what the order already reached (a NEW after a fill), dropped.</summary>
    public long StaleStatuses => Volatile.Read(ref StaleStatusesField);

    /// <summary>Fills of orders the engine did not place, by hand (manual) or by the venue (the three below included).</summary>
    public long ForeignFills => Volatile.Read(ref ForeignFillsField);

    /// <summary>Non-fill updates of orders placed by hand (a manual order opened, cancelled, …).</summary>
    public long ForeignOrderEvents => Volatile.Read(ref ForeignOrderEventsField);
    public long LiquidationFills => Volatile.Read(ref LiquidationFillsField);
    public long AdlFills => Volatile.Read(ref AdlFillsField);
    public long SettlementFills => Volatile.Read(ref SettlementFillsField);
    public long FundingEvents => Volatile.Read(ref FundingEventsField);

    /// <summary>Sum of the funding fees' balance changes (negative: paid).</summary>
    public decimal Funding => Volatile.Read(ref FundingE8Field) / 1e8m;

    /// <summary>Commissions of every fill the stream reported (ours and foreign) in USDT.</summary>
    public decimal Commission => Volatile.Read(ref CommissionE8Field) / 1e8m;

    /// <summary>Fills whose commission was charged in another asset than USDT (BNB): reported with no fee.</summary>
    public long NonQuoteCommissions => Volatile.Read(ref NonQuoteCommissionsField);

    /// <summary>The venue's realised profit (<c>rp</c>) summed over our fills: the figure the OMS's PnL is reconciled with.</summary>
    public decimal VenueRealizedProfit => Volatile.Read(ref RealizedProfitE8Field) / 1e8m;

    /// <summary>Venue reports handed to the engine.</summary>
    public long Reports => Volatile.Read(ref ReportsField);
    public long Amendments => Volatile.Read(ref AmendmentsField);
    public long KeysCreated => Volatile.Read(ref KeysCreatedField);
    public long Keepalives => Volatile.Read(ref KeepalivesField);
    public long KeepaliveFailures => Volatile.Read(ref KeepaliveFailuresField);

    /// <summary><c>listenKeyExpired</c> events received.</summary>
    public long KeysExpired => Volatile.Read(ref KeysExpiredField);
    public long Connects => Volatile.Read(ref ConnectsField);
    public long Disconnects => Volatile.Read(ref DisconnectsField);
    public long Reconciliations => Volatile.Read(ref ReconciliationsField);
    public long ReconciliationFailures => Volatile.Read(ref ReconciliationFailuresField);

    /// <summary>Fills found by a reconciliation's userTrades query that the stream had not delivered.</summary>
    public long FillsRecovered => Volatile.Read(ref FillsRecoveredField);

    /// <summary>Cancels and expiries found by a reconciliation's order queries that the stream had not delivered.</summary>
    public long StatusesRecovered => Volatile.Read(ref StatusesRecoveredField);

    /// <summary>True while a socket is open on a live key.</summary>
    public bool Connected => Volatile.Read(ref ConnectedSinceTicks) != 0;

    /// <summary>How long the stream has been down (zero while connected, and before the first connect attempt).</summary>
    public TimeSpan DownFor(long nowTicks)
    {
        long since = Volatile.Read(ref DownSinceTicks);
        return since == 0 || Connected ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, nowTicks - since));
    }

    internal static void Add(ref long field, long value = 1) => Interlocked.Add(ref field, value);
}
