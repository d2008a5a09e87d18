using Engine.Model;
using Engine.Signals;

namespace Engine.Tests.Signals;

/// <summary>Builds aggregated rows for hand-written sequences: one per minute from a fixed start.</summary>
internal static class TestRows
{
    public const long StartMs = 1_723_161_480_000; // 2024-08-08T23:58:00Z

    public static AggregatedRow Row(int minute, string buy, string sell, double avg, string? close = null, string? total = null)
    {
        Quantity b = Quantity.Parse(buy);
        Quantity s = Quantity.Parse(sell);
        Price c = close is null ? new Price((long)Math.Round(avg * FixedPoint.Scale)) : Price.Parse(close);
        return new AggregatedRow
        {
            Symbol = new SymbolId(1),
            StartMs = StartMs + (minute * 60_000L),
            IntervalMs = 60_000,
            Trades = 10,
            TotalQty = total is null ? b + s : Quantity.Parse(total),
            BuyQty = b,
            SellQty = s,
            AvgPrice = avg,
            ClosePrice = c,
            HighPrice = c,
            LowPrice = c,
            HasHighLow = true,
            HasClose = true,
        };
    }

    public static List<DeltaScoutEvaluation> Run(DeltaScoutOptions options, params AggregatedRow[] rows)
    {
        var detector = new DeltaScoutDetector(options);
        var results = new List<DeltaScoutEvaluation>();
        foreach (AggregatedRow row in rows)
        {
            Assert.True(detector.OnRow(in row, out DeltaScoutEvaluation e));
            results.Add(e);
        }

        return results;
    }
}
