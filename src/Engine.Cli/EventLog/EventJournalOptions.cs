namespace Engine.Cli.EventLog;

/// <summary>
/// The event journal's commit policy (configuration section <c>EventJournal</c>, docs/restart.md). The journal thread
/// hands every batch of records to the operating system as soon as it has them; a committer thread makes them durable
/// (fsync) in groups: <see cref="CommitIntervalMs"/> after the oldest record not yet durable at the latest, at once
/// when <see cref="CommitEveryEvents"/> records wait, and at once when a thread waits for a sequence
/// (<see cref="Engine.Pipeline.IDurableInput.WaitForDurable"/>: the gateway before an order, with
/// <see cref="DurableBeforeOrders"/>).
/// </summary>
public sealed record EventJournalOptions
{
    /// <summary>Longest time a written record waits for its fsync, in ms; 0: no timed commit.</summary>
    public int CommitIntervalMs { get; init; } = 10;

    /// <summary>Records waiting that trigger a commit at once; 0: no count trigger.</summary>
    public int CommitEveryEvents { get; init; } = 8192;

    /// <summary>False: records go to the operating system only, never fsynced (a process crash loses nothing, a power cut may).</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>The gateway waits until the inputs behind an order are durable before it sends the order.</summary>
    public bool DurableBeforeOrders { get; init; }

    /// <summary>Bytes the journal thread gathers records in before one write to the operating system.</summary>
    public int BufferBytes { get; init; } = 1 << 20;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (CommitIntervalMs < 0)
        {
            errors.Add($"EventJournal:CommitIntervalMs {CommitIntervalMs}: must be 0 (off) or more");
        }

        if (CommitEveryEvents < 0)
        {
            errors.Add($"EventJournal:CommitEveryEvents {CommitEveryEvents}: must be 0 (off) or more");
        }

        if (BufferBytes < 64 * 1024)
        {
            errors.Add($"EventJournal:BufferBytes {BufferBytes}: must be at least 65536");
        }

        return errors;
    }
}
