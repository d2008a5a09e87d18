namespace Engine.Oms.Paper;

/// <summary>Configuration of the <see cref="PaperVenue"/>.</summary>
public sealed record PaperVenueOptions
{
    /// <summary>Event-time delay between a request's decision time and the venue seeing it.</summary>
    public long LatencyMs { get; init; }

    /// <summary>Adverse ticks added to every market and triggered-stop fill.</summary>
    public long SlippageTicks { get; init; }

    /// <summary>Fee rates as fractions (Binance USD-M VIP 0: 0.02% maker, 0.05% taker).</summary>
    public decimal MakerFeeRate { get; init; } = 0.0002m;
    public decimal TakerFeeRate { get; init; } = 0.0005m;

    /// <summary>Orders resting at once, all symbols together.</summary>
    public int MaxRestingOrders { get; init; } = 256;

    /// <summary>Requests in flight and reports not yet taken (powers of two).</summary>
    public int RequestQueueCapacity { get; init; } = 1024;
    public int ReportQueueCapacity { get; init; } = 4096;

    public void Validate()
    {
        if (LatencyMs < 0 || SlippageTicks < 0 || MakerFeeRate < -0.01m || MakerFeeRate > 0.01m || TakerFeeRate < 0 || TakerFeeRate > 0.01m
            || MaxRestingOrders <= 0)
        {
            throw new ArgumentException("invalid paper venue options: " + this);
        }
    }
}
