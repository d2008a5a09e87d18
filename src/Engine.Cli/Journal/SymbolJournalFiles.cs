namespace Engine.Cli.Journal;

/// <summary>The text files of one symbol in a run directory: aggregated.csv, deltascout.log and (optionally) bars.csv.</summary>
internal sealed class SymbolJournalFiles : IDisposable
{
    public SymbolJournalFiles(string directory, RunJournalOptions options)
    {
        System.IO.Directory.CreateDirectory(directory);
        Directory = directory;
        int batch = options.LineBatchBytes;
        Aggregated = new AggregatedCsvWriter(Path.Combine(directory, RunJournal.AggregatedFileName), options.FlushToDisk, batch);
        DeltaScout = new DeltaScoutLogWriter(Path.Combine(directory, RunJournal.DeltaScoutFileName), options.PythonDefaultSeparators, options.FlushToDisk, batch);
        Bars = options.WriteBars ? new BarsCsvWriter(Path.Combine(directory, RunJournal.BarsFileName), options.FlushToDisk, batch) : null;
    }

    public string Directory { get; }

    public AggregatedCsvWriter Aggregated { get; }

    public DeltaScoutLogWriter DeltaScout { get; }

    public BarsCsvWriter? Bars { get; }

    /// <summary>Writes every file's batched lines (no-op without line batches).</summary>
    public void Flush()
    {
        Aggregated.Flush();
        DeltaScout.Flush();
        Bars?.Flush();
    }

    public void Dispose()
    {
        Aggregated.Dispose();
        DeltaScout.Dispose();
        Bars?.Dispose();
    }
}
