namespace Engine.Cli.Journal;

/// <summary>What a <see cref="RunJournal"/> writes and how durably.</summary>
public sealed record RunJournalOptions
{
    public static RunJournalOptions Default { get; } = new();

    /// <summary>Force every text line to the disk (fsync) as well as to the OS; costly, off by default.</summary>
    public bool FlushToDisk { get; init; }

    /// <summary>Write deltascout.log with json.dumps' default <c>", "</c> / <c>": "</c> separators instead of compact ones.</summary>
    public bool PythonDefaultSeparators { get; init; }

    /// <summary>Write bars.csv (closed volume bars with their indicators).</summary>
    public bool WriteBars { get; init; } = true;

    /// <summary>Write journal.db (signals, orders, fills, positions, daily_pnl).</summary>
    public bool WriteDatabase { get; init; } = true;
}
