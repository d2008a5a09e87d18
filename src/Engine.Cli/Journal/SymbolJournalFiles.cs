namespace Engine.Cli.Journal;

/// <summary>The text files of one symbol in a run directory: aggregated.csv, deltascout.log and (optionally) bars.csv.</summary>
internal sealed class SymbolJournalFiles : IDisposable
{
    public SymbolJournalFiles(string directory, RunJournalOptions options)
    {
        System.IO.Directory.CreateDirectory(directory);
        Directory = directory;
        Aggregated = new AggregatedCsvWriter(Path.Combine(directory, RunJournal.AggregatedFileName), options.FlushToDisk);
        DeltaScout = new DeltaScoutLogWriter(Path.Combine(directory, RunJournal.DeltaScoutFileName), options.PythonDefaultSeparators, options.FlushToDisk);
        Bars = options.WriteBars ? new BarsCsvWriter(Path.Combine(directory, RunJournal.BarsFileName), options.FlushToDisk) : null;
    }

    public string Directory { get; }

    public AggregatedCsvWriter Aggregated { get; }

    public DeltaScoutLogWriter DeltaScout { get; }

    public BarsCsvWriter? Bars { get; }

    public void Dispose()
    {
        Aggregated.Dispose();
        DeltaScout.Dispose();
        Bars?.Dispose();
    }
}
