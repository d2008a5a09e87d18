namespace Engine.Cli.Record;

/// <summary>What <c>engine record</c> was asked for.</summary>
public sealed record RecordRequest
{
    /// <summary>Symbols, upper case (<c>BTCUSDT</c>).</summary>
    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>The output file; each UTC hour goes to this name with the hour inserted before the extension.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Names from <see cref="RecordStreams.Known"/>.</summary>
    public IReadOnlyList<string> Streams { get; init; } = ["aggTrade"];

    /// <summary>Binance USD-M production market data unless given (<c>http://127.0.0.1:port</c> for the sim).</summary>
    public Uri Endpoint { get; init; } = new("wss://fstream.binance.com");

    /// <summary>Stop after this long; null runs until SIGTERM/Ctrl-C.</summary>
    public TimeSpan? Duration { get; init; }
}
