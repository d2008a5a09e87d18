namespace Engine.Latency;

/// <summary>Where the default input lives: the real BTCUSDT and ETHUSDT futures trades in ../shared/data beside the checkout.</summary>
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
        string dir = Path.Combine(SharedDataRoot(), "binance", "trades", "futures_um");
        return [.. DefaultNames.Select(n => Path.Combine(dir, n))];
    }

    private static string SharedDataRoot()
    {
        string? env = Environment.GetEnvironmentVariable("ENGINE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("../shared/data not found; pass --input FILE or set ENGINE_SHARED_DATA");
    }
}
