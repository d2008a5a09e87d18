using System.Globalization;
using Engine.EventLog;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.EventLog.Snapshots;

/// <summary>What a restore used and found.</summary>
/// <param name="SnapshotPosition">Position of the snapshot loaded; -1 when none was usable and the whole journal was played.</param>
/// <param name="TailEvents">Journal records played after the snapshot, through the engine's own code.</param>
/// <param name="Position">Journal position the engine's state now covers (where the run continues).</param>
/// <param name="Damage">The journal's torn or corrupt tail, cut off before the restore, or null.</param>
/// <param name="Notes">Everything the operator should read: damage, snapshots passed over and why.</param>
public sealed record RestoreOutcome(long SnapshotPosition, long TailEvents, long Position, JournalDamage? Damage, IReadOnlyList<string> Notes);

/// <summary>
/// Rebuilds an engine's state from a run directory: the latest valid snapshot (whole, CRC good, of the same
/// configuration, not newer than the journal) loaded into a freshly built engine, then the journal's records after it
/// played through the same <see cref="TradingEngine{TOut}.OnEvent"/> the run used. The journal is checked first and a
/// torn or corrupt tail truncated (reported, never played). No usable snapshot: the whole journal is played.
/// </summary>
public static class EngineRestore
{
    /// <param name="engine">A freshly built engine (warm-started as the run was) that becomes the restored one.</param>
    /// <param name="directory">The run directory holding <see cref="EventJournal.FileName"/> and the snapshots.</param>
    /// <param name="registry">The run's symbols (the journal's ids are mapped onto them).</param>
    /// <param name="upTo">Stop at this journal position (tests compare states at a position); default: the journal's end.</param>
    public static RestoreOutcome Restore<TOut>(TradingEngine<TOut> engine, string directory, SymbolRegistry registry, long upTo = long.MaxValue)
        where TOut : struct, IOutputSink
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(registry);
        var notes = new List<string>();
        string journal = Path.Combine(directory, EventJournal.FileName);
        EventJournalRecovery recovery = EventJournal.Recover(journal);
        if (recovery.Damage is not null)
        {
            notes.Add($"{journal}: {recovery.Damage}; truncated there, {recovery.NextPosition} records kept");
        }

        long end = Math.Min(upTo, recovery.NextPosition);
        byte[] fingerprint = EngineSnapshot.FingerprintOf(engine);
        EngineSnapshot? chosen = null;
        foreach (string path in SnapshotFiles(directory))
        {
            string name = Path.GetFileName(path);
            EngineSnapshot snapshot;
            try
            {
                snapshot = EngineSnapshot.ReadFrom(path);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                notes.Add($"snapshot {name} not used: {e.Message}");
                continue;
            }

            if (snapshot.Position > recovery.NextPosition)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"snapshot {name} not used: it covers {snapshot.Position} records, the journal holds {recovery.NextPosition} (the journal lost records the snapshot saw)"));
                continue;
            }

            if (snapshot.Position > end)
            {
                continue; // past the position asked for: not wrong, just later
            }

            if (!snapshot.Fingerprint.AsSpan().SequenceEqual(fingerprint))
            {
                notes.Add($"snapshot {name} not used: taken with another configuration");
                continue;
            }

            chosen = snapshot;
            break;
        }

        if (chosen is not null)
        {
            EngineSnapshot.Load(engine, chosen.State);
        }
        else
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"no usable snapshot: state rebuilt from the whole journal ({end} records)"));
        }

        long start = chosen?.Position ?? 0;
        long played = 0;
        using (EventJournalFeed feed = EventJournalFeed.Open(journal, registry, skipTo: start, endPosition: end))
        {
            EngineEvent slot = default;
            while (feed.TryReadNext(ref slot))
            {
                engine.OnEvent(ref slot);
                played++;
            }
        }

        return new RestoreOutcome(chosen?.Position ?? -1, played, start + played, recovery.Damage, notes);
    }

    /// <summary>Snapshot files in <paramref name="directory"/>, latest position first.</summary>
    public static IReadOnlyList<string> SnapshotFiles(string directory) =>
        [.. Directory.EnumerateFiles(directory, EngineSnapshot.FilePrefix + "*" + EngineSnapshot.FileExtension)
            .OrderByDescending(p => Path.GetFileName(p), StringComparer.Ordinal)];
}
