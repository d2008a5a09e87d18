namespace Engine.Cli.Run;

/// <summary>What an input file holds, as recognised by <see cref="InputDetector"/>.</summary>
public enum InputKind
{
    /// <summary>A trade or aggTrade CSV (data.binance.vision archive or capture CSV; .csv, .gz, .zip).</summary>
    TradeCsv,

    /// <summary>Recorded WebSocket frames, one <c>&lt;ns&gt; &lt;json&gt;</c> per line (usually gzipped).</summary>
    RecordedFrames,

    /// <summary>An engine <c>aggregated.csv</c> (contracts §1).</summary>
    AggregatedCsv,

    /// <summary>The engine's binary recording (<c>ENGREC01</c>).</summary>
    Recording,

    /// <summary>The event journal of a paper or live run (<c>ENGEVJ01</c>, docs/restart.md): its input events in ring order.</summary>
    EventJournal,
}
