namespace Engine.Oms.Paper;

/// <summary>Configuration of the <see cref="PaperVenue"/>.</summary>
public sealed record PaperVenueOptions
{
    /// <summary>Event-time delay between a request's decision time and the venue seeing it.</summary>
    public long LatencyMs { get; init; }

    /// <summary>Adverse ticks added to every market and triggered-stop fill.</summary>
    public long SlippageTicks { get; init; }

    /// <summary>
    /// Trade fill model: a market (or triggered stop) order takes at most each print's quantity and walks the following
    /// prints for the rest (true, the default); false fills its whole size at the first print (optimistic).
    /// </summary>
    public bool MarketOrdersWalkPrints { get; init; } = true;

    /// <summary>Fee rates as fractions (Binance USD-M VIP 0: 0.02% maker, 0.05% taker).</summary>
    public decimal MakerFeeRate { get; init; } = 0.0002m;
    public decimal TakerFeeRate { get; init; } = 0.0005m;

    /// <summary>
    /// Wallet balance (quote units) the margin check (-2019) holds orders against: an order that grows a position is
    /// rejected when |position after it| × price / <see cref="Leverage"/> exceeds it. 0 = the engine's starting equity.
    /// Realised PnL is not added (the paper venue keeps no wallet): a margin check, not an account.
    /// </summary>
    public decimal WalletBalance { get; init; }

    /// <summary>Leverage configured for every symbol (Binance's per-symbol leverage setting).</summary>
    public int Leverage { get; init; } = 20;

    /// <summary>Orders resting at once, all symbols together.</summary>
    public int MaxRestingOrders { get; init; } = 256;

    /// <summary>Requests in flight and reports not yet taken (powers of two).</summary>
    public int RequestQueueCapacity { get; init; } = 1024;
    public int ReportQueueCapacity { get; init; } = 4096;

    public void Validate()
    {
        if (LatencyMs < 0 || SlippageTicks < 0 || MakerFeeRate < -0.01m || MakerFeeRate > 0.01m || TakerFeeRate < 0 || TakerFeeRate > 0.01m
            || MaxRestingOrders <= 0 || Leverage < 1 || Leverage > 125 || WalletBalance < 0)
        {
            throw new ArgumentException("invalid paper venue options: " + this);
        }
    }
}
