using Engine.Market;
using Engine.Model;

namespace Engine.Tests.Market;

public class VolumeBarBuilderTests
{
    private static readonly SymbolId Btc = new(1);

    private static Trade MakeTrade(long timeMs, string price, string qty, bool buyerIsMaker = false, TradeType type = TradeType.Market) =>
        TimeAggregatorTests.MakeTrade(timeMs, price, qty, buyerIsMaker, type);

    [Fact]
    public void OneTrade_SpanningThreeBars_IsSplitWithRemainderCarried()
    {
        var builder = VolumeBarBuilder.ForBaseVolume(Btc, Quantity.Parse("10"));
        var sink = new BarList();
        builder.OnTrade(MakeTrade(1_000, "100", "4"), ref sink);
        builder.OnTrade(MakeTrade(2_000, "101", "27", buyerIsMaker: true), ref sink); // 6 + 10 + 10, 1 left over

        Assert.Equal(3, sink.Bars.Count);
        VolumeBar first = sink.Bars[0];
        Assert.Equal(0, first.Index);
        Assert.Equal(Price.Parse("100"), first.Open);
        Assert.Equal(Price.Parse("101"), first.High);
        Assert.Equal(Price.Parse("100"), first.Low);
        Assert.Equal(Price.Parse("101"), first.Close);
        Assert.Equal(Quantity.Parse("10"), first.Volume);
        Assert.Equal(Quantity.Parse("4"), first.BuyVolume);
        Assert.Equal(Quantity.Parse("6"), first.SellVolume);
        Assert.Equal(Quantity.Parse("-2"), first.Delta);
        Assert.Equal(100.6, first.Vwap); // (100·4 + 101·6) / 10
        Assert.Equal(2, first.Trades);
        Assert.Equal(1_000, first.FirstTradeTimeMs);
        Assert.Equal(2_000, first.LastTradeTimeMs);
        Assert.Equal((Int128)1006 * FixedPoint.Scale * FixedPoint.Scale, first.QuoteVolumeE16);

        for (int i = 1; i < 3; i++)
        {
            VolumeBar bar = sink.Bars[i];
            Assert.Equal(i, bar.Index);
            Assert.Equal(Price.Parse("101"), bar.Open);
            Assert.Equal(Price.Parse("101"), bar.Close);
            Assert.Equal(Quantity.Parse("10"), bar.Volume);
            Assert.Equal(Quantity.Parse("10"), bar.SellVolume);
            Assert.Equal(Quantity.Zero, bar.BuyVolume);
            Assert.Equal(1, bar.Trades); // each part of a split trade counts once in its bar
            Assert.Equal(101.0, bar.Vwap);
            Assert.Equal(2_000, bar.FirstTradeTimeMs);
        }

        VolumeBar open = builder.OpenBar;
        Assert.Equal(3, open.Index);
        Assert.Equal(Quantity.Parse("1"), open.Volume);
        Assert.Equal(Quantity.Parse("1"), open.SellVolume);
        Assert.Equal(1, open.Trades);
        Assert.Equal(3, builder.BarsEmitted);
    }

    [Fact]
    public void TradesHittingThresholdExactly_CloseBar_WithNothingOpen()
    {
        var builder = VolumeBarBuilder.ForBaseVolume(Btc, Quantity.Parse("10"));
        var sink = new BarList();
        builder.OnTrade(MakeTrade(1, "100", "4"), ref sink);
        builder.OnTrade(MakeTrade(2, "102", "6"), ref sink);

        VolumeBar bar = Assert.Single(sink.Bars);
        Assert.Equal(Quantity.Parse("10"), bar.Volume);
        Assert.Equal(2, bar.Trades);
        Assert.Equal(0, builder.OpenBar.Trades);
        Assert.Equal(Quantity.Zero, builder.OpenBar.Volume);

        builder.OnTrade(MakeTrade(3, "99", "20"), ref sink); // exactly two whole bars
        Assert.Equal(3, sink.Bars.Count);
        Assert.Equal(Price.Parse("99"), sink.Bars[1].Open);
        Assert.Equal(Price.Parse("99"), sink.Bars[1].Low);
        Assert.Equal(Quantity.Zero, builder.OpenBar.Volume);
    }

    [Fact]
    public void BarAfterClose_StartsFresh_WithNewOpenAndTimes()
    {
        var builder = VolumeBarBuilder.ForBaseVolume(Btc, Quantity.Parse("1"));
        var sink = new BarList();
        builder.OnTrade(MakeTrade(10, "100", "1.5"), ref sink);
        builder.OnTrade(MakeTrade(20, "90", "0.25", buyerIsMaker: true), ref sink);
        builder.OnTrade(MakeTrade(30, "110", "0.25"), ref sink);

        Assert.Equal(2, sink.Bars.Count);
        VolumeBar second = sink.Bars[1];
        Assert.Equal(Price.Parse("100"), second.Open);
        Assert.Equal(Price.Parse("110"), second.High);
        Assert.Equal(Price.Parse("90"), second.Low);
        Assert.Equal(Price.Parse("110"), second.Close);
        Assert.Equal(10, second.FirstTradeTimeMs);
        Assert.Equal(30, second.LastTradeTimeMs);
        Assert.Equal(Quantity.Parse("0.75"), second.BuyVolume);
        Assert.Equal(Quantity.Parse("0.25"), second.SellVolume);
        Assert.Equal(100.0, second.Vwap); // (100·0.5 + 90·0.25 + 110·0.25) / 1
    }

    [Fact]
    public void QuoteBars_SplitInBaseSteps_ReachThresholdWithinOnePriceStep()
    {
        var builder = VolumeBarBuilder.ForQuoteVolume(Btc, Money.FromDecimal(10m));
        var sink = new BarList();
        builder.OnTrade(MakeTrade(1, "3", "7"), ref sink); // 21 USDT of notional at price 3

        // ceil(10 / 3) in 10^-8 steps = 3.33333334 (notional 10.00000002), twice; 0.33333332 remains open.
        Assert.Equal(2, sink.Bars.Count);
        foreach (VolumeBar bar in sink.Bars)
        {
            Assert.Equal(Quantity.Parse("3.33333334"), bar.Volume);
            Assert.Equal((Int128)1_000_000_002 * FixedPoint.Scale, bar.QuoteVolumeE16);
        }

        Assert.Equal(Quantity.Parse("0.33333332"), builder.OpenBar.Volume);
    }

    [Fact]
    public void QuoteBars_ExactMultiple_HaveExactlyTheThreshold()
    {
        var builder = VolumeBarBuilder.ForQuoteVolume(Btc, Money.FromDecimal(1000m));
        var sink = new BarList();
        builder.OnTrade(MakeTrade(1, "100", "25"), ref sink);

        Assert.Equal(2, sink.Bars.Count);
        Assert.All(sink.Bars, b => Assert.Equal(Quantity.Parse("10"), b.Volume));
        Assert.All(sink.Bars, b => Assert.Equal((Int128)1000 * FixedPoint.Scale * FixedPoint.Scale, b.QuoteVolumeE16));
        Assert.Equal(Quantity.Parse("5"), builder.OpenBar.Volume);
    }

    [Fact]
    public void QuoteBars_TradeExactlyFillingTwoBars_ClosesBothAtOnce()
    {
        var builder = VolumeBarBuilder.ForQuoteVolume(Btc, Money.FromDecimal(1000m));
        var sink = new BarList();
        builder.OnTrade(MakeTrade(1, "100", "20"), ref sink); // 2000 USDT: exactly two bars of 1000

        Assert.Equal(2, sink.Bars.Count);
        Assert.Equal(Quantity.Zero, builder.OpenBar.Volume);
        Assert.Equal(0, builder.OpenBar.Trades);

        // The next trade opens a fresh bar: no zero-quantity part, no foreign price in the closed bars.
        builder.OnTrade(MakeTrade(2, "105", "1"), ref sink);
        Assert.Equal(2, sink.Bars.Count);
        for (int i = 0; i < 2; i++)
        {
            VolumeBar bar = sink.Bars[i];
            Assert.Equal(i, bar.Index);
            Assert.Equal(Quantity.Parse("10"), bar.Volume);
            Assert.Equal((Int128)1000 * FixedPoint.Scale * FixedPoint.Scale, bar.QuoteVolumeE16);
            Assert.Equal((Price.Parse("100"), Price.Parse("100"), Price.Parse("100"), Price.Parse("100")), (bar.Open, bar.High, bar.Low, bar.Close));
            Assert.Equal(1, bar.Trades);
            Assert.Equal((1L, 1L), (bar.FirstTradeTimeMs, bar.LastTradeTimeMs));
        }

        VolumeBar open = builder.OpenBar;
        Assert.Equal(Quantity.Parse("1"), open.Volume);
        Assert.Equal(Price.Parse("105"), open.Open);
        Assert.Equal(2, open.Index);
    }

    [Fact]
    public void QuoteBars_TradeExactlyCompletingAnOpenBar_ClosesIt()
    {
        var builder = VolumeBarBuilder.ForQuoteVolume(Btc, Money.FromDecimal(1000m));
        var sink = new BarList();
        builder.OnTrade(MakeTrade(1, "100", "4"), ref sink);  // 400
        builder.OnTrade(MakeTrade(2, "120", "5"), ref sink);  // 600: exactly 1000

        VolumeBar bar = Assert.Single(sink.Bars);
        Assert.Equal(Quantity.Parse("9"), bar.Volume);
        Assert.Equal((Price.Parse("100"), Price.Parse("120"), Price.Parse("100"), Price.Parse("120")), (bar.Open, bar.High, bar.Low, bar.Close));
        Assert.Equal(2, bar.Trades);
        Assert.Equal(Quantity.Zero, builder.OpenBar.Volume);
    }

    [Theory]
    [InlineData(long.MinValue, 100_000_000L)]
    [InlineData(100_000_000L, long.MinValue)]
    [InlineData(0L, 100_000_000L)]
    [InlineData(1L, 1L)]
    public void RawExtremes_AreRejectedUnlessBothPositive(long priceE8, long qtyE8)
    {
        var builder = VolumeBarBuilder.ForBaseVolume(Btc, Quantity.Parse("10"));
        var sink = new BarList();
        Trade trade = MakeTrade(1_000, "1", "1");
        trade.Price = new Price(priceE8);
        trade.Quantity = new Quantity(qtyE8);

        TradeOutcome outcome = builder.OnTrade(trade, ref sink);

        bool valid = priceE8 > 0 && qtyE8 > 0;
        Assert.Equal(valid ? TradeOutcome.Accepted : TradeOutcome.Invalid, outcome);
        Assert.Equal(valid ? qtyE8 : 0, builder.OpenBar.Volume.E8);
    }

    [Fact]
    public void NonMarketAndInvalidTrades_AreCounted_AndLeaveBarsUntouched()
    {
        var builder = VolumeBarBuilder.ForBaseVolume(Btc, VolumeBarBuilder.DefaultBaseThreshold);
        var sink = new BarList();
        builder.OnTrade(MakeTrade(1, "100", "4"), ref sink);

        Assert.Equal(TradeOutcome.IgnoredNotMarket, builder.OnTrade(MakeTrade(2, "100", "50", type: TradeType.InsuranceFund), ref sink));
        Assert.Equal(TradeOutcome.Invalid, builder.OnTrade(MakeTrade(3, "100", "0"), ref sink));
        Assert.Equal(TradeOutcome.Invalid, builder.OnTrade(MakeTrade(4, "-1", "1"), ref sink));

        Assert.Empty(sink.Bars);
        Assert.Equal(Quantity.Parse("4"), builder.OpenBar.Volume);
        Assert.Equal(1, builder.IgnoredTrades);
        Assert.Equal(2, builder.InvalidTrades);
    }

    [Fact]
    public void Reset_ForgetsOpenBarAndNumbering()
    {
        var builder = VolumeBarBuilder.ForBaseVolume(Btc, Quantity.Parse("1"));
        var sink = new BarList();
        builder.OnTrade(MakeTrade(1, "100", "2.5"), ref sink);
        builder.Reset();
        builder.OnTrade(MakeTrade(2, "90", "1"), ref sink);

        Assert.Equal(3, sink.Bars.Count);
        Assert.Equal(0, sink.Bars[2].Index);
        Assert.Equal(Price.Parse("90"), sink.Bars[2].Open);
        Assert.Equal(1, sink.Bars[2].Trades);
        Assert.Equal(0, builder.OpenBar.Trades);
    }

    [Fact]
    public void Threshold_NotPositive_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VolumeBarBuilder.ForBaseVolume(Btc, Quantity.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => VolumeBarBuilder.ForQuoteVolume(Btc, Money.FromDecimal(-1m)));
    }
}
