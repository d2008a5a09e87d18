using Engine.Model;
using Engine.Signals;

namespace Engine.Tests.Signals;

/// <summary>
/// The latency probe's own arithmetic, against hand-computed values: which trades it fires on, the side, the limit
/// away from the market on the tick, and the smallest quantity the filters allow (USD-M BTCUSDT's real filters: tick
/// 0.1, step 0.001, min quantity 0.001, min notional 100 USDT).
/// </summary>
public class LatencyProbeTests
{
    private static readonly SymbolFilters Btc = new()
    {
        TickSize = Price.Parse("0.1"), MinPrice = Price.Parse("0.1"), MaxPrice = Price.Parse("1000000"),
        StepSize = Quantity.Parse("0.001"), MinQty = Quantity.Parse("0.001"), MaxQty = Quantity.Parse("1000"),
        MarketStepSize = Quantity.Parse("0.001"), MarketMinQty = Quantity.Parse("0.001"), MarketMaxQty = Quantity.Parse("120"),
        MinNotional = Money.FromDecimal(100m),
    };

    [Fact]
    public void OnTrade_FiresOnEveryNthTradeOnly()
    {
        var probe = new LatencyProbe(new LatencyProbeOptions { EveryTrades = 3 }, Btc);
        var fired = new List<int>();
        for (int trade = 1; trade <= 10; trade++)
        {
            if (probe.OnTrade())
            {
                fired.Add(trade);
            }
        }

        Assert.Equal([3, 6, 9], fired);
    }

    [Fact]
    public void Next_CancelMode_BuyThenSell_OneOffsetAwayOnTheTick()
    {
        var probe = new LatencyProbe(new LatencyProbeOptions { OffsetBps = 100 }, Btc);

        // 1 % of 61234.5 is 612.345: the buy rests at floor(60622.155) = 60622.1, the stop distance is ceil(612.345) = 612.4.
        ProbeOrder buy = probe.Next(Price.Parse("61234.5"));
        Assert.Equal(Side.Buy, buy.Side);
        Assert.Equal(OrderType.Limit, buy.Type);
        Assert.Equal(Price.Parse("60622.1"), buy.LimitPrice);
        Assert.Equal(Price.Parse("612.4"), buy.StopDistance);

        // 110 USDT (min notional + 10 %) at 60622.1 is 0.0018145... BTC: two lot steps.
        Assert.Equal(Quantity.Parse("0.002"), buy.Quantity);

        probe.OnSent();
        ProbeOrder sell = probe.Next(Price.Parse("61234.5"));
        Assert.Equal(Side.Sell, sell.Side);
        Assert.Equal(Price.Parse("61846.9"), sell.LimitPrice); // ceil(61846.845)

        probe.OnSent();
        Assert.Equal(Side.Buy, probe.Next(Price.Parse("61234.5")).Side);
        Assert.True(probe.CancelsWhenAccepted);
    }

    [Fact]
    public void Next_CloseMode_MarketOrderSizedAtTheTradePrice()
    {
        var probe = new LatencyProbe(new LatencyProbeOptions { Mode = LatencyProbeMode.Close, NotionalMarginBps = 0 }, Btc);

        // 100 USDT at 50000.0 is exactly 0.002 BTC: no rounding up.
        ProbeOrder order = probe.Next(Price.Parse("50000.0"));
        Assert.Equal(OrderType.Market, order.Type);
        Assert.Equal(Price.Zero, order.LimitPrice);
        Assert.Equal(Quantity.Parse("0.002"), order.Quantity);
        Assert.Equal(Price.Parse("500.0"), order.StopDistance);
        Assert.False(probe.CancelsWhenAccepted);

        // One tick more notional than a step's worth: 100 USDT at 49999.9 is 0.0020000040 BTC, so three steps.
        Assert.Equal(Quantity.Parse("0.003"), probe.Next(Price.Parse("49999.9")).Quantity);
    }

    [Fact]
    public void Next_ConfiguredQuantity_IsUsedAsItIs()
    {
        var probe = new LatencyProbe(new LatencyProbeOptions { Quantity = 0.005m }, Btc);
        Assert.Equal(Quantity.Parse("0.005"), probe.Next(Price.Parse("61234.5")).Quantity);
    }

    [Fact]
    public void Next_AfterWarmUp_AllocatesNothing()
    {
        var probe = new LatencyProbe(new LatencyProbeOptions { EveryTrades = 2 }, Btc);
        Support.Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                if (probe.OnTrade())
                {
                    probe.Next(new Price(6_123_450_000_000 + i));
                    probe.OnSent();
                }
            }
        });
    }

    [Theory]
    [InlineData(0, 100, 0, "Probe:EveryTrades = 0")]
    [InlineData(10, 0, 0, "Probe:OffsetBps = 0")]
    [InlineData(10, 10_000, 0, "Probe:OffsetBps = 10000")]
    [InlineData(10, 100, -1, "Probe:Quantity = -1")]
    public void Validate_NamesTheBadSetting(int every, int offsetBps, int quantity, string expected)
    {
        IReadOnlyList<string> errors = new LatencyProbeOptions { EveryTrades = every, OffsetBps = offsetBps, Quantity = quantity }.Validate();
        Assert.Single(errors);
        Assert.StartsWith(expected, errors[0], StringComparison.Ordinal);
    }
}
