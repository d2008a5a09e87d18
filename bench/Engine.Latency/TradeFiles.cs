namespace Engine.Latency;

/// <summary>Where the default input lives: the real BTCUSDT and ETHUSDT futures trades in the repository's data/ (data/README.md).</summary>
internal static class TradeFiles
{
    private static readonly string[] DefaultNames =
    [
        "BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz",
        "ETHUSDT-trades-ws-20240808T2354Z-20240809T0000Z.csv.gz",
    ];

    /// <summary>The two same-window trade files (BTC and ETH, 2024-08-08 23:54 onwards); throws when the data is not found.</summary>
    public static IReadOnlyList<string> Default()
    {
        string dir = Path.Combine(DataRoot(), "binance", "trades", "futures_um");
        return [.. DefaultNames.Select(n => Path.Combine(dir, n))];
    }

    private static string DataRoot()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Engine.sln")))
                {
                    return Path.Combine(dir.FullName, "data");
                }
            }
        }

        throw new DirectoryNotFoundException("the repository's data/ was not found (no folder holding Engine.sln above the working directory or the program); pass --input FILE");
    }
}
