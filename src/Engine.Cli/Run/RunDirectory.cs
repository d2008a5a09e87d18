using System.Globalization;
using Engine.Cli.Configuration;
using Engine.Cli.Journal;
using Engine.EventLog;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>A run's directory (<c>runs/&lt;UTC timestamp&gt;</c> or <c>--out</c>) and the files every run opens in it first.</summary>
public static class RunDirectory
{
    /// <summary>Text lines go to the OS a batch at a time: one system call per line would cost more than the trades behind it.</summary>
    private const int JournalLineBatchBytes = 64 * 1024;

    /// <summary>Creates the directory; one that already holds a run is refused (configuration error).</summary>
    public static string Create(string? requested)
    {
        string directory = requested ?? Path.Combine("runs", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        if (File.Exists(Path.Combine(directory, RunJournal.AggregatedFileName)) || File.Exists(Path.Combine(directory, RunReportWriter.SummaryFileName)))
        {
            throw new ConfigurationException($"--out {directory}: already holds a run; choose a new directory");
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"--out {directory}: cannot create the run directory: {e.Message}", e);
        }

        return Path.GetFullPath(directory);
    }

    /// <summary>
    /// <c>--resume DIR</c>: the directory of the run to continue, created when missing (the first start of a supervised
    /// run); one that holds a run's outputs but no event journal cannot be resumed (configuration error).
    /// </summary>
    public static string OpenForResume(string? requested)
    {
        if (requested is null)
        {
            throw new ConfigurationException("--resume: give the run directory to continue");
        }

        if (!File.Exists(Path.Combine(requested, EventJournal.FileName)))
        {
            return Create(requested);
        }

        return Path.GetFullPath(requested);
    }

    /// <summary>The effective configuration with origins, as <c>config.txt</c>.</summary>
    public static void WriteConfig(string directory, IReadOnlyList<ConfigEntry> effective)
    {
        try
        {
            File.WriteAllLines(Path.Combine(directory, "config.txt"), effective.Select(e => $"{e.Key} = {e.Value}  ({e.Origin})"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"--out {directory}: cannot write config.txt: {e.Message}", e);
        }
    }

    /// <summary>The run's journal: per symbol aggregated.csv, deltascout.log, bars.csv, and journal.db.</summary>
    public static RunJournal CreateJournal(string directory, PipelineOptions options)
    {
        try
        {
            return RunJournal.Create(directory, [.. options.Symbols.Select(s => s.Name)], new RunJournalOptions { LineBatchBytes = JournalLineBatchBytes });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"--out {directory}: cannot create the run's files: {e.Message}", e);
        }
    }

    /// <summary>The start time as the summary gives it.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
