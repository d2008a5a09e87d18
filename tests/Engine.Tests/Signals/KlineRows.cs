using System.Globalization;
using System.IO.Compression;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Signals;

/// <summary>
/// The real 1-minute spot klines turned into aggregated rows: BuyQty = taker-buy base volume, SellQty = volume -
/// taker-buy, AvgPrice = quote volume / volume (the close when the minute had no volume), Close/High/Low from the candle.
/// </summary>
internal static class KlineRows
{
    public static AggregatedRow[] Load(string fileName, bool dropLast)
    {
        string[] lines = ReadLines(RepoData.Path("binance", "klines", "spot", fileName));
        var rows = new List<AggregatedRow>();
        for (int i = 1; i < lines.Length; i++)
        {
            string[] f = lines[i].Split(',');
            Quantity volume = Quantity.Parse(f[5]);
            Quantity buy = Quantity.Parse(f[9]);
            Price close = Price.Parse(f[4]);
            double quote = double.Parse(f[7], CultureInfo.InvariantCulture);
            rows.Add(new AggregatedRow
            {
                Symbol = new SymbolId(1),
                StartMs = long.Parse(f[0], CultureInfo.InvariantCulture),
                IntervalMs = 60_000,
                Trades = long.Parse(f[8], CultureInfo.InvariantCulture),
                TotalQty = volume,
                BuyQty = buy,
                SellQty = volume - buy,
                AvgPrice = volume.IsZero ? close.E8 / 1e8 : quote / (volume.E8 / 1e8),
                ClosePrice = close,
                HighPrice = Price.Parse(f[2]),
                LowPrice = Price.Parse(f[3]),
                HasHighLow = true,
                HasClose = true,
            });
        }

        if (dropLast)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return [.. rows];
    }

    // The repository keeps the klines gzip-compressed (data/README.md).
    private static string[] ReadLines(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }
}
