using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Signals;

/// <summary>
/// The latency-probe strategy of one symbol (<c>Run:Signal = LatencyProbe</c>): on every
/// <see cref="LatencyProbeOptions.EveryTrades"/>-th market trade it wants one tiny order, alternately a buy and a sell,
/// which the engine cancels as soon as the venue accepts it (Cancel mode: a limit <see cref="LatencyProbeOptions.OffsetBps"/>
/// away from the trade's price, so it rests) or closes as soon as it fills (Close mode: a market order). Real signals
/// are too rare to measure tick-to-order with; this one makes an order of a known trade. Engine thread only; integer
/// arithmetic, no allocation.
/// </summary>
public sealed class LatencyProbe
{
    private const long BasisPoints = 10_000;
    private readonly SymbolFilters _filters;
    private readonly int _every;
    private readonly long _offsetBps;
    private readonly long _marginBps;
    private readonly long _quantityE8;
    private readonly bool _market;
    private int _countdown;

    public LatencyProbe(LatencyProbeOptions options, SymbolFilters filters)
    {
        ArgumentNullException.ThrowIfNull(options);
        _filters = filters;
        _every = options.EveryTrades;
        _countdown = options.EveryTrades;
        _offsetBps = options.OffsetBps;
        _marginBps = options.NotionalMarginBps;
        _quantityE8 = Model.Quantity.FromDecimal(options.Quantity).E8;
        _market = options.Mode == LatencyProbeMode.Close;
    }

    /// <summary>Cancel mode: the order is cancelled once accepted (a Close-mode market order is left to fill).</summary>
    public bool CancelsWhenAccepted => !_market;

    /// <summary>Probe orders handed to the OMS and sent.</summary>
    public long Sent { get; private set; }

    /// <summary>Probe trades on which no order was sent (the previous probe still under way, the breaker, a filter).</summary>
    public long Skipped { get; private set; }

    /// <summary>Counts a market trade; true on every <see cref="LatencyProbeOptions.EveryTrades"/>-th.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnTrade()
    {
        if (--_countdown != 0)
        {
            return false;
        }

        _countdown = _every;
        return true;
    }

    /// <summary>The order for a probe at <paramref name="lastPrice"/>: a buy after a sell after a buy, starting with a buy.</summary>
    public ProbeOrder Next(Price lastPrice)
    {
        Side side = (Sent & 1) == 0 ? Side.Buy : Side.Sell;
        long distance = Math.Max(MulDiv(lastPrice.E8, _offsetBps, BasisPoints, roundUp: true), _filters.TickSize.E8);
        Price stopDistance = _filters.CeilToTick(new Price(distance));
        Price limit = Price.Zero;
        if (!_market)
        {
            limit = side == Side.Buy
                ? _filters.FloorToTick(new Price(lastPrice.E8 - distance))
                : _filters.CeilToTick(new Price(lastPrice.E8 + distance));
        }

        Quantity quantity = _quantityE8 > 0 ? new Quantity(_quantityE8) : SmallestQuantity(_market ? lastPrice : limit);
        return new ProbeOrder(side, _market ? OrderType.Market : OrderType.Limit, limit, quantity, stopDistance);
    }

    /// <summary>The OMS sent the probe's order.</summary>
    public void OnSent() => Sent++;

    /// <summary>The OMS did not send it (busy, breaker, filters).</summary>
    public void OnSkipped() => Skipped++;

    /// <summary>The minimum quantity, raised to the minimum notional (plus the margin) at <paramref name="price"/>, on the lot step.</summary>
    private Quantity SmallestQuantity(Price price)
    {
        long step = _filters.Step(_market).E8;
        long minimum = _filters.Min(_market).E8;
        long notional = MulDiv(_filters.MinNotional.E8, BasisPoints + _marginBps, BasisPoints, roundUp: true);
        long byNotional = price.E8 > 0 ? MulDiv(notional, FixedPoint.Scale, price.E8, roundUp: true) : 0;
        long wanted = Math.Max(Math.Max(minimum, byNotional), step);
        long steps = (wanted + step - 1) / step;
        return new Quantity(steps * step);
    }

    private static long MulDiv(long a, long b, long divisor, bool roundUp)
    {
        Int128 product = (Int128)a * b;
        Int128 q = product / divisor;
        if (roundUp && product % divisor != 0)
        {
            q++;
        }

        return (long)q;
    }
}
