using System.Globalization;
using Engine.Cli.Configuration;
using Engine.Cli.EventLog.Snapshots;
using Engine.Cli.Journal;
using Engine.EventLog;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>The resume: the state rebuilt, the outputs rewritten from the journal, the clean-stop marker.</summary>
public sealed partial class RunJournaling
{
    private static RunJournaling Continue(string directory, PipelineOptions options, EventJournalSettings settings, EngineFactory fresh, string path, string[] symbols)
    {
        EventJournalRecovery found;
        try
        {
            found = EventJournal.Scan(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--resume {directory}: {e.Message}; nothing was changed", e);
        }

        if (!found.Symbols.SequenceEqual(symbols, StringComparer.Ordinal))
        {
            throw new ConfigurationException($"--resume {directory}: the journal's symbols are {string.Join(",", found.Symbols)}, this run's {string.Join(",", symbols)}: resume with the run's own symbols and configuration");
        }

        var notes = new List<string>();
        StopRecord? stopped = StopMarker.Read(directory);
        TradingEngine<DiscardingOutputSink> restored = fresh.Build(new DiscardingOutputSink());
        RestoreOutcome outcome = EngineRestore.Restore(restored, directory, new SymbolRegistry(symbols));
        notes.Add(outcome.SnapshotPosition >= 0
            ? $"resumed at journal position {Positions(outcome.Position)}: snapshot at {Positions(outcome.SnapshotPosition)} + {Positions(outcome.TailEvents)} journal records"
            : $"resumed at journal position {Positions(outcome.Position)}: the whole journal played ({Positions(outcome.TailEvents)} records)");
        notes.AddRange(outcome.Notes);
        notes.Add(stopped switch
        {
            null => "the previous session did not stop cleanly (killed, crashed or lost power): its journal was checked record by record",
            _ when stopped.Position == outcome.Position => $"the previous session stopped cleanly at journal position {Positions(stopped.Position)} ({stopped.Reason})",
            _ => $"the previous session recorded a clean stop at journal position {Positions(stopped.Position)} but the journal holds {Positions(outcome.Position)} records: the journal decides",
        });

        StopMarker.Delete(directory); // this session has not stopped yet
        foreach (string torn in Directory.EnumerateFiles(directory, EngineSnapshot.FilePrefix + "*" + EngineSnapshot.FileExtension + ".tmp"))
        {
            File.Delete(torn); // a snapshot the kill interrupted (never renamed into place, never read)
        }

        ClearOutputs(directory, symbols);
        EventJournalWriter writer = EventJournalWriter.Append(path, symbols, settings.ToOptions(), out _);
        return new RunJournaling(directory, options, settings, fresh, writer, restored, outcome.Position, EngineSnapshot.StateOf(restored), notes);
    }

    /// <summary>
    /// A resume: writes the run's outputs (aggregated.csv, deltascout.log, bars.csv, journal.db: emptied when the
    /// journal was opened) again from the journal's records, through an engine of the run's configuration that writes
    /// into <paramref name="journal"/>; so they hold every row of the journal once, whatever the kill left half-written
    /// or never wrote, exactly as <c>engine replay events.journal</c> would. That engine's state is then the state of an
    /// uninterrupted run at the journal's end: when the snapshot-and-tail state differs, it is said and this one used.
    /// Returns the records played (0 for a new run).
    /// </summary>
    public long RewriteOutputs(RunJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        if (_restoredState is null)
        {
            return 0;
        }

        TradingEngine<RunJournalSink> engine = _fresh.Build(new RunJournalSink(journal));
        long played = 0;
        using (EventJournalFeed feed = EventJournalFeed.Open(Path.Combine(_directory, EventJournal.FileName), _registry, skipTo: 0, endPosition: StartPosition))
        {
            EngineEvent slot = default;
            while (feed.TryReadNext(ref slot))
            {
                engine.OnEvent(ref slot);
                played++;
            }
        }

        journal.Flush();
        byte[] state = EngineSnapshot.StateOf(engine);
        if (!state.AsSpan().SequenceEqual(_restoredState))
        {
            _notes.Add($"the state rebuilt from the snapshot and tail differs from the whole journal's: the whole journal's is used (a snapshot of this configuration is wrong: please report it)");
            _restoredState = state;
            EngineSnapshot.Load(_replica, state);
        }

        return played;
    }

    /// <summary>Empties the outputs the journal is the truth of (a resume writes them again from it).</summary>
    private static void ClearOutputs(string directory, string[] symbols)
    {
        for (int i = 0; i < symbols.Length; i++)
        {
            string text = RunJournal.TextDirectoryOf(directory, symbols, i);
            foreach (string name in new[] { RunJournal.AggregatedFileName, RunJournal.DeltaScoutFileName, RunJournal.BarsFileName })
            {
                File.Delete(Path.Combine(text, name));
            }
        }

        foreach (string suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(Path.Combine(directory, RunJournal.DatabaseFileName + suffix));
        }
    }

    /// <summary>Builds engines of the run's configuration, warm-started as the run is, on any sink.</summary>
    public sealed class EngineFactory(PipelineOptions options, bool paperVenue, string? warmStartFile)
    {
        public TradingEngine<TOut> Build<TOut>(TOut sink)
            where TOut : struct, IOutputSink
        {
            var engine = new TradingEngine<TOut>(options, sink, paperVenue);
            if (warmStartFile is not null)
            {
                WarmStarter.Prime(engine, warmStartFile, new SymbolId(0), options.IntervalMs);
            }

            return engine;
        }
    }

    /// <summary>An engine's output written straight into a <see cref="RunJournal"/> (the resume's rewrite, on the calling thread).</summary>
    private readonly struct RunJournalSink(RunJournal journal) : IOutputSink
    {
        private readonly OutputEvent[] _slot = new OutputEvent[1];

        public ref OutputEvent Claim() => ref _slot[0];

        public void Publish() => journal.Write(ref _slot[0]);
    }

    private sealed record StopRecord(long Position, string Reason);

    /// <summary><see cref="StopMarkerFileName"/>: the journal position and reason of a clean stop.</summary>
    private static class StopMarker
    {
        public static void Write(string directory, long position, string reason)
        {
            string path = Path.Combine(directory, StopMarkerFileName);
            string temp = path + ".tmp";
            File.WriteAllText(temp, string.Create(CultureInfo.InvariantCulture,
                $"position {position}\nstopped {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}\nreason {reason.ReplaceLineEndings(" ")}\n"));
            File.Move(temp, path, overwrite: true);
        }

        /// <summary>The marker, or null when there is none or it cannot be read (treated as no clean stop).</summary>
        public static StopRecord? Read(string directory)
        {
            string path = Path.Combine(directory, StopMarkerFileName);
            if (!File.Exists(path))
            {
                return null;
            }

            string[] lines = File.ReadAllLines(path);
            return lines.Length >= 3 && lines[0].StartsWith("position ", StringComparison.Ordinal)
                && long.TryParse(lines[0].AsSpan(9), NumberStyles.None, CultureInfo.InvariantCulture, out long position)
                ? new StopRecord(position, lines[2].StartsWith("reason ", StringComparison.Ordinal) ? lines[2][7..] : "reason not recorded")
                : null;
        }

        public static void Delete(string directory) => File.Delete(Path.Combine(directory, StopMarkerFileName));
    }
}
