using System.Globalization;
using System.IO.Compression;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Market;

/// <summary>One row of a derived trade CSV, read naively with string.Split and decimal: the tests' independent truth.</summary>
public sealed record NaiveTrade(long Id, decimal Price, decimal Qty, long TimeMs, bool BuyerIsMaker, string TradeType)
{
    public bool IsMarket => TradeType == "MARKET";

    public Trade ToTrade(SymbolId symbol) => new()
    {
        Symbol = symbol,
        Id = Id,
        FirstTradeId = Id,
        LastTradeId = Id,
        Price = Engine.Model.Price.Parse(Price.ToString(CultureInfo.InvariantCulture)),
        Quantity = Engine.Model.Quantity.Parse(Qty.ToString(CultureInfo.InvariantCulture)),
        TradeTimeMs = TimeMs,
        EventTimeMs = TimeMs,
        BuyerIsMaker = BuyerIsMaker,
        Type = IsMarket ? Engine.Model.TradeType.Market : Engine.Model.TradeType.InsuranceFund,
    };
}

/// <summary>Loads data/binance/trades/** (columns id,price,qty,time,is_buyer_maker,...[,trade_type]).</summary>
public static class NaiveTradeCsv
{
    private static readonly Dictionary<string, IReadOnlyList<NaiveTrade>> Cache = new();

    public static IEnumerable<object[]> AllFiles() =>
        Directory.GetFiles(RepoData.Path("binance", "trades"), "*.csv.gz", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(RepoData.Path("binance", "trades"), p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new object[] { p });

    public static IReadOnlyList<NaiveTrade> Load(string relativePath)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(relativePath, out var cached))
            {
                return cached;
            }

            string path = Path.Combine(RepoData.Path("binance", "trades"), relativePath);
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            string[] header = reader.ReadLine()!.Split(',');
            int typeColumn = Array.IndexOf(header, "trade_type");
            var trades = new List<NaiveTrade>();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                string[] f = line.Split(',');
                trades.Add(new NaiveTrade(
                    long.Parse(f[0], CultureInfo.InvariantCulture),
                    decimal.Parse(f[1], CultureInfo.InvariantCulture),
                    decimal.Parse(f[2], CultureInfo.InvariantCulture),
                    long.Parse(f[3], CultureInfo.InvariantCulture),
                    bool.Parse(f[4]),
                    typeColumn >= 0 ? f[typeColumn] : "MARKET"));
            }

            Cache[relativePath] = trades;
            return trades;
        }
    }

    public static Trade[] LoadTrades(string relativePath, SymbolId symbol) =>
        Load(relativePath).Select(t => t.ToTrade(symbol)).ToArray();
}
