using System.Globalization;
using Engine.Model;
using Engine.Signals;
using static Engine.Tests.Signals.TestRows;

namespace Engine.Tests.Signals;

/// <summary>
/// The rolling vwap's round-half-even against an exact decimal recomputation, on feeds built to land on and next to
/// .5 ties often (half-dollar prices, small quantities, short windows): the detector's fast double estimate must
/// hand every tie and near-tie to its exact remainder check.
/// </summary>
public class DeltaScoutVwapTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    [InlineData(4, 4)]
    public void Vwap_OnTieHeavyFeeds_EqualsExactDecimalHalfEven(int seed, int window)
    {
        var rng = new Random(seed);
        var detector = new DeltaScoutDetector(new DeltaScoutOptions { VwapWindowMin = window, RollWindowMin = window });
        var rows = new List<AggregatedRow>();
        int ties = 0;
        for (int i = 0; i < 3_000; i++)
        {
            // Prices on half dollars, or one 10^-8 step off them; quantities 1-4 thousandths (or none).
            decimal price = 60_000m + (rng.Next(0, 20) / 2m) + (rng.Next(0, 4) == 0 ? (rng.Next(0, 2) == 0 ? 0.00000001m : -0.00000001m) : 0m);
            string qty = (rng.Next(0, 5) / 1000m).ToString(CultureInfo.InvariantCulture);
            AggregatedRow row = Row(i, qty, "0", (double)price);
            rows.Add(row);
            Assert.True(detector.OnRow(in row, out DeltaScoutEvaluation e));

            decimal sumPq = 0, sumQ = 0;
            for (int k = Math.Max(0, i - window + 1); k <= i; k++)
            {
                decimal avg = Math.Round((decimal)rows[k].AvgPrice, 8);
                sumPq += avg * rows[k].TotalQty.ToDecimal();
                sumQ += rows[k].TotalQty.ToDecimal();
            }

            Assert.Equal(sumQ != 0, e.VwapKnown);
            if (sumQ != 0)
            {
                decimal exact = sumPq / sumQ;
                ties += exact - decimal.Floor(exact) == 0.5m ? 1 : 0;
                Assert.Equal((long)Math.Round(exact, MidpointRounding.ToEven), e.Vwap);
            }
        }

        Assert.True(ties > 20, $"only {ties} exact ties: the feed no longer exercises the tie path");
    }
}
