namespace Engine.Tests.Market.Indicators;

/// <summary>Indicator inputs taken from the real trade files through the naive loader, plus a tolerance check.</summary>
public static class RealSeries
{
    public const string BtcFile = "futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz";
    public const string MidnightFile = "futures_um/BTCUSDT-trades-ws-20240718T2357Z-20240719T0005Z.csv.gz";

    /// <summary>Every MARKET trade price, in file order.</summary>
    public static double[] TradePrices(string file = BtcFile) =>
        NaiveTradeCsv.Load(file).Where(t => t.IsMarket).Select(t => (double)t.Price).ToArray();

    /// <summary>One (high, low, close) per traded second, from a LINQ grouping of the trades.</summary>
    public static (double High, double Low, double Close)[] SecondBars(string file = BtcFile) =>
        NaiveTradeCsv.Load(file).Where(t => t.IsMarket)
            .GroupBy(t => t.TimeMs / 1000)
            .OrderBy(g => g.Key)
            .Select(g => ((double)g.Max(t => t.Price), (double)g.Min(t => t.Price), (double)g.Last().Price))
            .ToArray();

    public static void AssertClose(double expected, double actual, double relative, string what)
    {
        double scale = Math.Max(Math.Abs(expected), 1.0);
        Assert.True(Math.Abs(expected - actual) <= relative * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
