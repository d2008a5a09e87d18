using Engine.EventLog;

namespace Engine.Cli.Configuration;

/// <summary>
/// Section <c>EventJournal</c>: the binary journal of every input event and the engine-state snapshots beside it in
/// the run directory (docs/restart.md). Paper and live runs always write it; a replay writes it when <see cref="Enabled"/>.
/// </summary>
public sealed class EventJournalSettings
{
    /// <summary>A replay writes <c>events.journal</c> too (paper and live runs always do).</summary>
    public bool Enabled { get; set; }

    /// <summary>Longest a written record waits for its fsync, in ms; 0: no timed commit.</summary>
    public int CommitIntervalMs { get; set; } = new EventJournalOptions().CommitIntervalMs;

    /// <summary>Records waiting that trigger an fsync at once; 0: no count trigger.</summary>
    public int CommitEveryEvents { get; set; } = new EventJournalOptions().CommitEveryEvents;

    /// <summary>false: records reach the operating system only (survive a process crash, not a power cut).</summary>
    public bool Fsync { get; set; } = true;

    /// <summary>Live: the gateway sends an order only once the inputs behind it are durable.</summary>
    public bool DurableBeforeOrders { get; set; }

    /// <summary>Seconds between engine-state snapshots; 0: none (a resume then plays the whole journal).</summary>
    public int SnapshotIntervalSeconds { get; set; } = 60;

    /// <summary>Snapshots kept in the run directory.</summary>
    public int SnapshotsKept { get; set; } = 3;

    public EventJournalOptions ToOptions() => new()
    {
        CommitIntervalMs = CommitIntervalMs,
        CommitEveryEvents = CommitEveryEvents,
        Fsync = Fsync,
        DurableBeforeOrders = DurableBeforeOrders,
    };

    public void Validate(ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (string e in ToOptions().Validate())
        {
            errors.Add(e);
        }

        if (SnapshotIntervalSeconds < 0)
        {
            errors.Add($"EventJournal:{nameof(SnapshotIntervalSeconds)} = {SnapshotIntervalSeconds}: must be 0 (none) or more");
        }

        if (SnapshotsKept < 1)
        {
            errors.Add($"EventJournal:{nameof(SnapshotsKept)} = {SnapshotsKept}: must be 1 or more");
        }
    }
}
