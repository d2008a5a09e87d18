namespace Engine.Cli.Journal;

/// <summary>What a <see cref="RunJournal"/> writes and how durably.</summary>
public sealed record RunJournalOptions
{
    public static RunJournalOptions Default { get; } = new();

    /// <summary>Force every text line to the disk (fsync) as well as to the OS; costly, off by default.</summary>
    public bool FlushToDisk { get; init; }

    /// <summary>
    /// Bytes of whole lines each text file gathers before one write, flushed by <see cref="RunJournal.Flush"/>
    /// (the journal thread calls it whenever the output ring runs empty); 0 writes every line on its own.
    /// </summary>
    public int LineBatchBytes { get; init; }

    /// <summary>Write deltascout.log with json.dumps' default <c>", "</c> / <c>": "</c> separators instead of compact ones.</summary>
    public bool PythonDefaultSeparators { get; init; }

    /// <summary>Write bars.csv (closed volume bars with their indicators).</summary>
    public bool WriteBars { get; init; } = true;

    /// <summary>Write journal.db (signals, orders, fills, positions, daily_pnl).</summary>
    public bool WriteDatabase { get; init; } = true;

    /// <summary>The run's interval length, to name the intervals a feed gap leaves incomplete.</summary>
    public long IntervalMs { get; init; } = 60_000;
}
