using Engine.Model;

namespace Engine.Tests.Signals;

/// <summary>Seeded synthetic aggregated rows: a trending random walk with coarse or fine quantities and empty minutes.</summary>
internal static class SyntheticFeed
{
    public static AggregatedRow[] Generate(int seed, int count, bool coarse, bool hasClose, double startPrice = 60_000)
    {
        var rng = new Random(seed);
        var rows = new AggregatedRow[count];
        double price = startPrice;
        double drift = 0;
        for (int i = 0; i < count; i++)
        {
            if (i % 50 == 0)
            {
                drift = (rng.NextDouble() - 0.5) * 20;
            }

            price = Math.Max(1, price + drift + ((rng.NextDouble() - 0.5) * 40));
            bool empty = rng.Next(25) == 0;
            long buy = empty ? 0 : Qty(rng, coarse);
            long sell = empty ? 0 : Qty(rng, coarse);
            double avg = coarse ? Math.Round(price) : Math.Round(price, 2) + (rng.NextDouble() * 1e-3);
            long close = (long)Math.Round((price + ((rng.NextDouble() - 0.5) * 10)) * 100) * 1_000_000;
            rows[i] = new AggregatedRow
            {
                Symbol = new SymbolId(7),
                StartMs = 1_700_000_000_000 + (i * 60_000L),
                IntervalMs = 60_000,
                Trades = empty ? 0 : 1 + rng.Next(500),
                TotalQty = new Quantity(buy + sell),
                BuyQty = new Quantity(buy),
                SellQty = new Quantity(sell),
                AvgPrice = avg,
                ClosePrice = new Price(close),
                HighPrice = new Price(close + 500_000_000),
                LowPrice = new Price(close - 500_000_000),
                HasHighLow = true,
                HasClose = hasClose,
            };
        }

        return rows;
    }

    // Coarse: multiples of 0.1 up to 3, so deltas tie often; fine: 8-decimal quantities up to ~5.
    private static long Qty(Random rng, bool coarse) =>
        coarse ? rng.Next(31) * 10_000_000L : (long)(rng.NextDouble() * rng.NextDouble() * 500_000_000);
}
