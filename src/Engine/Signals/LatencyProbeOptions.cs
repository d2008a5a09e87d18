namespace Engine.Signals;

/// <summary>
/// The latency probe's settings (config section <c>Probe</c>, used when <c>Run:Signal = LatencyProbe</c>): an order
/// every <see cref="EveryTrades"/> market trades of a symbol, of a tiny size, immediately cancelled or closed.
/// </summary>
public sealed record LatencyProbeOptions
{
    /// <summary>A probe order on every this-many-th market trade of a symbol (while the previous one is still under way, the trade is skipped).</summary>
    public int EveryTrades { get; init; } = 100;

    public LatencyProbeMode Mode { get; init; } = LatencyProbeMode.Cancel;

    /// <summary>
    /// Base-asset quantity of each probe order; 0 (default) takes the smallest the symbol's filters allow at the
    /// trade's price: the minimum quantity, raised to the minimum notional plus <see cref="NotionalMarginBps"/>.
    /// </summary>
    public decimal Quantity { get; init; }

    /// <summary>
    /// Distance of a Cancel-mode limit from the last trade price, in basis points (below it for a buy, above for a
    /// sell), so it rests; also the stop distance the OMS is given. Binance's PERCENT_PRICE band is ±5 % on majors.
    /// </summary>
    public int OffsetBps { get; init; } = 100;

    /// <summary>Headroom over the minimum notional for the default quantity (the fill price may differ from the trade's).</summary>
    public int NotionalMarginBps { get; init; } = 1000;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (EveryTrades < 1)
        {
            errors.Add($"Probe:EveryTrades = {EveryTrades}: must be 1 or more");
        }

        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"Probe:Mode = {Mode}: must be Cancel or Close");
        }

        if (Quantity < 0)
        {
            errors.Add($"Probe:Quantity = {Quantity}: must be 0 (the smallest allowed) or more");
        }

        if (OffsetBps is < 1 or > 9_999)
        {
            errors.Add($"Probe:OffsetBps = {OffsetBps}: must be from 1 to 9999");
        }

        if (NotionalMarginBps is < 0 or > 100_000)
        {
            errors.Add($"Probe:NotionalMarginBps = {NotionalMarginBps}: must be from 0 to 100000");
        }

        return errors;
    }
}
