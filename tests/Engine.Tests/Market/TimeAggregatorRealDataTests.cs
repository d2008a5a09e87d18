using Engine.Market;
using Engine.Model;

namespace Engine.Tests.Market;

/// <summary>Aggregation of the real trade files against a naive LINQ/decimal recomputation, row by row.</summary>
public class TimeAggregatorRealDataTests
{
    public static IEnumerable<object[]> Cases() =>
        from file in NaiveTradeCsv.AllFiles()
        from interval in new long[] { 1_000, 7_000, 60_000, 3_600_000 }
        select new object[] { file[0], interval };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rows_EqualNaiveDecimalRecomputation(string file, long intervalMs)
    {
        IReadOnlyList<NaiveTrade> naive = NaiveTradeCsv.Load(file);
        Trade[] trades = NaiveTradeCsv.LoadTrades(file, new SymbolId(0));

        var agg = new TimeAggregator(new SymbolId(0), intervalMs);
        var sink = new RowList();
        int accepted = 0;
        foreach (Trade trade in trades)
        {
            if (agg.OnTrade(in trade, ref sink) == TradeOutcome.Accepted)
            {
                accepted++;
            }
        }

        agg.Flush(ref sink);

        List<ExpectedRow> expected = Naive(naive.Where(t => t.IsMarket).ToList(), intervalMs);
        Assert.Equal(naive.Count(t => t.IsMarket), accepted);
        Assert.Equal(expected.Count, sink.Rows.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            ExpectedRow e = expected[i];
            AggregatedRow a = sink.Rows[i];
            Assert.Equal(e.StartMs, a.StartMs);
            Assert.Equal(intervalMs, a.IntervalMs);
            Assert.Equal(e.Trades, a.Trades);
            Assert.Equal(e.TotalQty, a.TotalQty.ToDecimal());
            Assert.Equal(e.BuyQty, a.BuyQty.ToDecimal());
            Assert.Equal(e.SellQty, a.SellQty.ToDecimal());
            Assert.Equal(e.Close, a.ClosePrice.ToDecimal());
            Assert.Equal(e.High, a.HighPrice.ToDecimal());
            Assert.Equal(e.Low, a.LowPrice.ToDecimal());

            // The naive VWAP is the decimal quotient (28 digits) converted to double; ours comes from exact
            // integer sums: they may differ only in the last binary digit.
            double naiveAvg = (double)e.AvgPrice;
            Assert.True(Math.Abs(a.AvgPrice - naiveAvg) <= Math.Abs(naiveAvg) * 1e-15, $"row {i}: {a.AvgPrice} vs {naiveAvg}");
        }

        // Volume is conserved: the rows hold every accepted trade's quantity.
        Assert.Equal(naive.Where(t => t.IsMarket).Sum(t => t.Qty), sink.Rows.Sum(r => r.TotalQty.ToDecimal()));
    }

    private sealed record ExpectedRow(long StartMs, long Trades, decimal TotalQty, decimal BuyQty, decimal SellQty, decimal AvgPrice, decimal Close, decimal High, decimal Low);

    // Independent truth: group by floor(time / interval), fill every missing interval between first and last with the
    // previous close; all arithmetic in decimal.
    private static List<ExpectedRow> Naive(List<NaiveTrade> trades, long intervalMs)
    {
        var groups = trades.GroupBy(t => t.TimeMs / intervalMs).ToDictionary(g => g.Key, g => g.ToList());
        long first = groups.Keys.Min();
        long last = groups.Keys.Max();
        var rows = new List<ExpectedRow>();
        decimal lastClose = 0;
        for (long bucket = first; bucket <= last; bucket++)
        {
            if (groups.TryGetValue(bucket, out var g))
            {
                decimal total = g.Sum(t => t.Qty);
                decimal vwap = g.Sum(t => t.Price * t.Qty) / total;
                lastClose = g[^1].Price;
                rows.Add(new ExpectedRow(
                    bucket * intervalMs,
                    g.Count,
                    total,
                    g.Where(t => !t.BuyerIsMaker).Sum(t => t.Qty),
                    g.Where(t => t.BuyerIsMaker).Sum(t => t.Qty),
                    vwap,
                    lastClose,
                    g.Max(t => t.Price),
                    g.Min(t => t.Price)));
            }
            else
            {
                rows.Add(new ExpectedRow(bucket * intervalMs, 0, 0, 0, 0, lastClose, lastClose, lastClose, lastClose));
            }
        }

        return rows;
    }
}
