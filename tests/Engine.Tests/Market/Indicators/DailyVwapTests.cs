using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class DailyVwapTests
{
    private const long Midnight = 1_721_347_200_000; // 2024-07-19T00:00:00Z

    [Fact]
    public void Anchor_ResetsAtUtcMidnight_InMilliseconds()
    {
        var vwap = new DailyVwap();
        vwap.Update(Midnight - 1, 100, 1); // 23:59:59.999 on the 18th
        vwap.Update(Midnight - 1, 200, 1);
        Assert.Equal(150.0, vwap.Value);
        Assert.Equal(Midnight - DailyVwap.MillisecondsPerDay, vwap.DayStartMs);

        vwap.Update(Midnight, 300, 2); // 00:00:00.000 on the 19th: a new anchor
        Assert.Equal(300.0, vwap.Value);
        Assert.Equal(Midnight, vwap.DayStartMs);

        Assert.False(vwap.Update(Midnight - 5, 1, 1)); // yesterday's late observation does not reopen it
        Assert.Equal(1, vwap.RejectedInputs);
        Assert.Equal(300.0, vwap.Value);
    }

    [Fact]
    public void RealTradesAcrossMidnight_EqualNaiveDecimalPerDay()
    {
        var trades = NaiveTradeCsv.Load(RealSeries.MidnightFile).Where(t => t.IsMarket).ToList();
        Assert.Contains(trades, t => t.TimeMs < Midnight);
        Assert.Contains(trades, t => t.TimeMs >= Midnight);

        var vwap = new DailyVwap();
        decimal notional = 0, volume = 0;
        long day = -1;
        foreach (NaiveTrade t in trades)
        {
            vwap.Update(t.TimeMs, (double)t.Price, (double)t.Qty);
            long tradeDay = DateTimeOffset.FromUnixTimeMilliseconds(t.TimeMs).UtcDateTime.Date.Ticks;
            if (tradeDay != day)
            {
                day = tradeDay;
                notional = 0;
                volume = 0;
            }

            notional += t.Price * t.Qty;
            volume += t.Qty;
            RealSeries.AssertClose((double)(notional / volume), vwap.Value, 1e-9, $"daily VWAP at {t.TimeMs}");
        }

        Assert.Equal(Midnight, vwap.DayStartMs);
    }
}
