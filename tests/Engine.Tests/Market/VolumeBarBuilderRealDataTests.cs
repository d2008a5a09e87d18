using Engine.Market;
using Engine.Model;

namespace Engine.Tests.Market;

/// <summary>Volume bars over the real trade files: exact conservation and equality with a naive decimal splitter.</summary>
public class VolumeBarBuilderRealDataTests
{
    public static IEnumerable<object[]> BaseCases() =>
        from file in NaiveTradeCsv.AllFiles()
        from threshold in new[] { "10", "0.7" }
        select new object[] { file[0], threshold };

    [Theory]
    [MemberData(nameof(BaseCases))]
    public void BaseBars_EqualNaiveSplit_AndConserveVolumePerSide(string file, string threshold)
    {
        IReadOnlyList<NaiveTrade> naive = NaiveTradeCsv.Load(file);
        Trade[] trades = NaiveTradeCsv.LoadTrades(file, new SymbolId(0));
        var builder = VolumeBarBuilder.ForBaseVolume(new SymbolId(0), Quantity.Parse(threshold));
        var sink = new BarList();
        foreach (Trade trade in trades)
        {
            builder.OnTrade(in trade, ref sink);
        }

        decimal thr = decimal.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture);
        (List<NaiveBar> expected, NaiveBar open) = NaiveSplit(naive.Where(t => t.IsMarket), thr);

        Assert.Equal(expected.Count, sink.Bars.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AssertSame(expected[i], sink.Bars[i], i);
            Assert.Equal(thr, sink.Bars[i].Volume.ToDecimal());
        }

        AssertSame(open, builder.OpenBar, expected.Count);

        // Conservation: bars + open remainder == input, in total and per taker side.
        var market = naive.Where(t => t.IsMarket).ToList();
        VolumeBar o = builder.OpenBar;
        Assert.Equal(market.Sum(t => t.Qty), sink.Bars.Sum(b => b.Volume.ToDecimal()) + o.Volume.ToDecimal());
        Assert.Equal(market.Where(t => !t.BuyerIsMaker).Sum(t => t.Qty), sink.Bars.Sum(b => b.BuyVolume.ToDecimal()) + o.BuyVolume.ToDecimal());
        Assert.Equal(market.Where(t => t.BuyerIsMaker).Sum(t => t.Qty), sink.Bars.Sum(b => b.SellVolume.ToDecimal()) + o.SellVolume.ToDecimal());
    }

    [Theory]
    [MemberData(nameof(NaiveTradeCsv.AllFiles), MemberType = typeof(NaiveTradeCsv))]
    public void QuoteBars_ReachThresholdWithinOneStep_AndConserveBaseAndQuote(string file)
    {
        IReadOnlyList<NaiveTrade> naive = NaiveTradeCsv.Load(file);
        Trade[] trades = NaiveTradeCsv.LoadTrades(file, new SymbolId(0));
        const decimal threshold = 250_000m;
        var builder = VolumeBarBuilder.ForQuoteVolume(new SymbolId(0), Money.FromDecimal(threshold));
        var sink = new BarList();
        foreach (Trade trade in trades)
        {
            builder.OnTrade(in trade, ref sink);
        }

        var market = naive.Where(t => t.IsMarket).ToList();
        Assert.True(sink.Bars.Count > 10);
        foreach (VolumeBar bar in sink.Bars)
        {
            decimal quote = ToDecimal(bar.QuoteVolumeE16);
            decimal closePrice = bar.Close.ToDecimal();
            Assert.True(quote >= threshold && quote < threshold + (closePrice * 0.00000001m), $"bar {bar.Index}: {quote}");
        }

        VolumeBar open = builder.OpenBar;
        Assert.True(ToDecimal(open.QuoteVolumeE16) < threshold);
        Assert.Equal(market.Sum(t => t.Qty), sink.Bars.Sum(b => b.Volume.ToDecimal()) + open.Volume.ToDecimal());
        Assert.Equal(market.Where(t => t.BuyerIsMaker).Sum(t => t.Qty), sink.Bars.Sum(b => b.SellVolume.ToDecimal()) + open.SellVolume.ToDecimal());
        Assert.Equal(market.Sum(t => t.Price * t.Qty), sink.Bars.Sum(b => ToDecimal(b.QuoteVolumeE16)) + ToDecimal(open.QuoteVolumeE16));
    }

    private static decimal ToDecimal(Int128 e16) => (decimal)e16 / 10_000_000_000_000_000m;

    private static void AssertSame(NaiveBar e, in VolumeBar a, int index)
    {
        Assert.Equal(index, a.Index);
        Assert.Equal(e.Trades, a.Trades);
        Assert.Equal(e.Volume, a.Volume.ToDecimal());
        Assert.Equal(e.Buy, a.BuyVolume.ToDecimal());
        Assert.Equal(e.Sell, a.SellVolume.ToDecimal());
        if (e.Trades == 0)
        {
            return;
        }

        Assert.Equal(e.Open, a.Open.ToDecimal());
        Assert.Equal(e.High, a.High.ToDecimal());
        Assert.Equal(e.Low, a.Low.ToDecimal());
        Assert.Equal(e.Close, a.Close.ToDecimal());
        Assert.Equal(e.FirstMs, a.FirstTradeTimeMs);
        Assert.Equal(e.LastMs, a.LastTradeTimeMs);
        Assert.Equal(e.Notional, ToDecimal(a.QuoteVolumeE16));
        if (a.Vwap != 0)
        {
            double vwap = (double)(e.Notional / e.Volume);
            Assert.True(Math.Abs(a.Vwap - vwap) <= vwap * 1e-15, $"bar {index}: {a.Vwap} vs {vwap}");
        }
    }

    private sealed class NaiveBar
    {
        public int Trades;
        public decimal Volume, Buy, Sell, Notional, Open, High, Low, Close;
        public long FirstMs, LastMs;

        public void Add(NaiveTrade t, decimal qty)
        {
            if (Trades == 0)
            {
                Open = High = Low = t.Price;
                FirstMs = t.TimeMs;
            }

            High = Math.Max(High, t.Price);
            Low = Math.Min(Low, t.Price);
            Close = t.Price;
            LastMs = t.TimeMs;
            Trades++;
            Volume += qty;
            Notional += t.Price * qty;
            if (t.BuyerIsMaker)
            {
                Sell += qty;
            }
            else
            {
                Buy += qty;
            }
        }
    }

    // Independent truth: take min(remaining trade qty, room in the bar) until the trade is used up.
    private static (List<NaiveBar> Bars, NaiveBar Open) NaiveSplit(IEnumerable<NaiveTrade> trades, decimal threshold)
    {
        var bars = new List<NaiveBar>();
        var current = new NaiveBar();
        foreach (NaiveTrade t in trades)
        {
            decimal left = t.Qty;
            while (left > 0)
            {
                decimal take = Math.Min(left, threshold - current.Volume);
                current.Add(t, take);
                left -= take;
                if (current.Volume == threshold)
                {
                    bars.Add(current);
                    current = new NaiveBar();
                }
            }
        }

        return (bars, current);
    }
}
