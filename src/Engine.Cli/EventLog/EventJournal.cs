namespace Engine.Cli.EventLog;

/// <summary>What <see cref="EventJournal.Recover"/> found in a journal before it is continued or replayed.</summary>
/// <param name="Symbols">The journal's symbol table.</param>
/// <param name="NextPosition">Position the next record gets: records from position 0 that are whole and trusted.</param>
/// <param name="ValidLength">Bytes of the file that are trusted (the file's length after a truncation).</param>
/// <param name="Damage">The torn or corrupt tail that was cut off, or null when the journal ended cleanly.</param>
public sealed record EventJournalRecovery(IReadOnlyList<string> Symbols, long NextPosition, long ValidLength, JournalDamage? Damage);

/// <summary>Operations on a whole event journal file.</summary>
public static class EventJournal
{
    /// <summary>The journal's name in a run directory.</summary>
    public const string FileName = "events.journal";

    /// <summary>
    /// Reads the whole journal, checking every record, and when its tail is torn or corrupt truncates the file to the
    /// last good record (the damage is returned for the host to report). A damaged header is no tail:
    /// <see cref="InvalidDataException"/>, the file untouched.
    /// </summary>
    public static EventJournalRecovery Recover(string path)
    {
        EventJournalRecovery found = Scan(path);
        if (found.Damage is not null)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            file.SetLength(found.ValidLength);
            file.Flush(flushToDisk: true);
        }

        return found;
    }

    /// <summary>Reads the whole journal, checking every record; changes nothing.</summary>
    public static EventJournalRecovery Scan(string path)
    {
        using EventJournalReader reader = EventJournalReader.Open(path);
        Model.EngineEvent slot = default;
        while (reader.TryRead(ref slot))
        {
        }

        return new EventJournalRecovery(reader.Symbols, reader.NextPosition, reader.ValidLength, reader.Damage);
    }
}
