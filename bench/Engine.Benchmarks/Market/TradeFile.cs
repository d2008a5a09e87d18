using System.Globalization;
using System.IO.Compression;
using Engine.Model;

namespace Engine.Benchmarks.Market;

/// <summary>Loads a derived trade CSV from the repository's data/ (cold, benchmark setup only): string.Split and exact parsing.</summary>
internal static class TradeFile
{
    public static Trade[] Load(string relativePath)
    {
        string path = Path.Combine(DataRoot(), "binance", "trades", relativePath);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        string[] header = reader.ReadLine()!.Split(',');
        int typeColumn = Array.IndexOf(header, "trade_type");
        var trades = new List<Trade>();
        while (reader.ReadLine() is { } line)
        {
            string[] f = line.Split(',');
            long id = long.Parse(f[0], CultureInfo.InvariantCulture);
            long time = long.Parse(f[3], CultureInfo.InvariantCulture);
            trades.Add(new Trade
            {
                Id = id,
                FirstTradeId = id,
                LastTradeId = id,
                Price = Price.Parse(f[1]),
                Quantity = Quantity.Parse(f[2]),
                TradeTimeMs = time,
                EventTimeMs = long.Parse(f[5], CultureInfo.InvariantCulture),
                BuyerIsMaker = f[4] == "true",
                Type = typeColumn < 0 || f[typeColumn] == "MARKET" ? TradeType.Market : TradeType.InsuranceFund,
            });
        }

        return [.. trades];
    }

    /// <summary>The repository's data folder: data/ in the first folder holding Engine.sln above the benchmark (or the working directory).</summary>
    internal static string DataRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Engine.sln")))
                {
                    return Path.Combine(dir.FullName, "data");
                }
            }
        }

        throw new DirectoryNotFoundException("no folder holding Engine.sln above the benchmark or the working directory: run the benchmarks from the repository");
    }
}
