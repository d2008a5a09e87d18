using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;

namespace Engine.Cli.Journal;

/// <summary>
/// Everything a run writes from its outputs, in its run directory: per symbol <c>aggregated.csv</c> (every closed row),
/// <c>deltascout.log</c> (every DeltaScout PEAK) and <c>bars.csv</c> (every closed volume bar with its indicators),
/// and one <c>journal.db</c> (signals with their decision and reason, orders with their latest status, fills,
/// positions, circuit-breaker changes, the daily_pnl view). With one symbol the text files sit in the run directory
/// itself, so it reads like the original scripts' folder; with several, each symbol's go in a sub-directory named
/// after it (<see cref="TextDirectoryOf"/>).
/// Usage: <c>using var journal = RunJournal.Create(dir, ["BTCUSDT"]);</c> then
/// <c>new EnginePipeline&lt;JournalHandler&gt;(options, runtime, new JournalHandler(journal))</c>; after the run,
/// read <see cref="Summary"/>. Contract: one thread writes (the journal thread); an event that cannot be written is
/// counted in <see cref="JournalTotals.Errors"/> and skipped, never thrown, so the journal thread carries on.
/// </summary>
public sealed partial class RunJournal : IDisposable
{
    public const string AggregatedFileName = "aggregated.csv";
    public const string DeltaScoutFileName = "deltascout.log";
    public const string BarsFileName = "bars.csv";
    public const string DatabaseFileName = "journal.db";

    private readonly string[] _symbols;
    private readonly SymbolJournalFiles[] _files;
    private readonly SqliteJournal? _database;
    private readonly long _intervalMs;
    private bool _disposed;

    private RunJournal(string runDirectory, string[] symbols, SymbolJournalFiles[] files, SqliteJournal? database, long intervalMs)
    {
        RunDirectory = runDirectory;
        _intervalMs = intervalMs;
        _symbols = symbols;
        _files = files;
        _database = database;
    }

    public string RunDirectory { get; }

    /// <summary>Counts and money of what was journaled; read it after the run (the journal thread writes it).</summary>
    public JournalTotals Summary { get; } = new();

    /// <summary>
    /// Set once, by the journal thread, when a file could not be written (disk full, an I/O error): from then on nothing
    /// more is written (<see cref="NotWritten"/> counts what was skipped), so every file keeps what it held before,
    /// whole. Read it after the run.
    /// </summary>
    public string? OutputFailure { get; private set; }

    /// <summary>Outputs not written because of <see cref="OutputFailure"/>.</summary>
    public long NotWritten { get; private set; }

    /// <summary>
    /// Called once, on the journal thread, at the output failure: the run halts trading and stops its feed rather than
    /// trade without a journal.
    /// </summary>
    public Action<string>? OnOutputFailure { get; set; }

    /// <summary>Event time of the latest output handed to the journal (journal thread), the time of an output failure.</summary>
    public long LastTimeMs { get; private set; }

    /// <summary>Path of journal.db, or null when the options turned it off.</summary>
    public string? DatabasePath => _database is null ? null : Path.Combine(RunDirectory, DatabaseFileName);

    /// <summary>
    /// Creates the run directory if needed and opens (appending to) every file. <paramref name="symbolNames"/> is indexed
    /// by <see cref="SymbolId.Value"/>, as the pipeline's <c>PipelineOptions.Symbols</c>.
    /// </summary>
    public static RunJournal Create(string runDirectory, IReadOnlyList<string> symbolNames, RunJournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        ArgumentNullException.ThrowIfNull(symbolNames);
        if (symbolNames.Count == 0)
        {
            throw new ArgumentException("a run journals at least one symbol", nameof(symbolNames));
        }

        options ??= RunJournalOptions.Default;
        Directory.CreateDirectory(runDirectory);
        string[] symbols = [.. symbolNames];
        var files = new List<SymbolJournalFiles>(symbols.Length);
        SqliteJournal? database = null;
        try
        {
            for (int i = 0; i < symbols.Length; i++)
            {
                files.Add(new SymbolJournalFiles(TextDirectoryOf(runDirectory, symbols, i), options));
            }

            if (options.WriteDatabase)
            {
                database = new SqliteJournal(Path.Combine(runDirectory, DatabaseFileName));
            }
        }
        catch
        {
            files.ForEach(f => f.Dispose());
            throw;
        }

        return new RunJournal(runDirectory, symbols, [.. files], database, options.IntervalMs);
    }

    /// <summary>Where the text files of symbol <paramref name="index"/> go: the run directory, or its sub-directory when several symbols run.</summary>
    public static string TextDirectoryOf(string runDirectory, IReadOnlyList<string> symbolNames, int index)
    {
        ArgumentNullException.ThrowIfNull(symbolNames);
        return symbolNames.Count == 1 ? runDirectory : Path.Combine(runDirectory, symbolNames[index]);
    }

    /// <summary>Full path of one of a symbol's text files (e.g. <see cref="AggregatedFileName"/>).</summary>
    public string PathOf(SymbolId symbol, string fileName) => Path.Combine(_files[symbol.Value].Directory, fileName);

    /// <summary>Journals one output. Never throws: a failure is counted in <see cref="Summary"/> and the event skipped.</summary>
    public void Write(ref OutputEvent output)
    {
        if (OutputFailure is not null)
        {
            NotWritten++;
            return;
        }

        LastTimeMs = Math.Max(LastTimeMs, output.TimeMs);
        try
        {
            switch (output.Kind)
            {
                case OutputKind.RowClosed:
                    OnRow(ref output);
                    break;
                case OutputKind.BarClosed:
                    OnBar(ref output);
                    break;
                case OutputKind.SignalEvaluated:
                    OnSignal(in output.Signal);
                    break;
                case OutputKind.OrderRequested:
                    OnOrder(in output.Order, output.OrderRole);
                    break;
                case OutputKind.VenueReported:
                    OnReport(in output.Report, output.ReportOutcome, output.OrderStatus, output.RealizedPnl);
                    break;
                case OutputKind.PositionClosed:
                    OnPositionClosed(in output.Position);
                    break;
                case OutputKind.BreakerChanged:
                    Summary.CountBreakerChange();
                    _database?.AddBreakerChange(output.TimeMs, ByteEnumNames<Risk.TradingState>.Of(output.BreakerState));
                    break;
                case OutputKind.IntervalLeftOpen:
                    OnIntervalLeftOpen(in output.Row);
                    break;
                case OutputKind.FeedGap:
                    OnFeedGap(in output.Gap);
                    break;
                case OutputKind.EndOfStream:
                    Summary.CountEndOfStream();
                    Flush();
                    break;
            }
        }
        catch (IOException e)
        {
            Fail(e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportFailure(output.Kind, output.TimeMs, e);
        }
    }

    /// <summary>Writes the text files' batched lines (if they batch) and commits the database's open batch. Never throws.</summary>
    public void Flush()
    {
        if (OutputFailure is not null)
        {
            return;
        }

        try
        {
            foreach (SymbolJournalFiles files in _files)
            {
                files.Flush();
            }

            _database?.Flush();
        }
        catch (IOException e)
        {
            Fail(e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportFailure(OutputKind.None, 0, e);
        }
    }

    /// <summary>Commits and closes every file. Call it after the pipeline's Run returned.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Flush();
        foreach (SymbolJournalFiles files in _files)
        {
            try
            {
                files.Dispose();
            }
            catch (IOException e)
            {
                Fail(e);
            }
        }

        try
        {
            _database?.Dispose();
        }
        catch (IOException e)
        {
            Fail(e);
        }
    }

    private void Fail(IOException e)
    {
        if (OutputFailure is not null)
        {
            return;
        }

        bool full = OutputException.IsDiskFull(e) || (e.InnerException is { } inner && OutputException.IsDiskFull(inner));
        OutputFailure = $"{(full ? "out of disk space" : "write failed")}: {e.Message}";
        Summary.CountError(OutputFailure);
        OnOutputFailure?.Invoke(OutputFailure);
    }

    private bool TryFiles(SymbolId symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SymbolJournalFiles? files)
    {
        if ((uint)symbol.Value < (uint)_files.Length)
        {
            files = _files[symbol.Value];
            return true;
        }

        files = null;
        UnknownSymbol(symbol);
        return false;
    }

    private bool TryName(SymbolId symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name)
    {
        if ((uint)symbol.Value < (uint)_symbols.Length)
        {
            name = _symbols[symbol.Value];
            return true;
        }

        name = null;
        UnknownSymbol(symbol);
        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void UnknownSymbol(SymbolId symbol) =>
        Summary.CountError($"unknown symbol id {symbol.Value} (the journal knows {_symbols.Length}); event skipped");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportFailure(OutputKind kind, long timeMs, Exception e) =>
        Summary.CountError($"{kind} at {timeMs} ms not journaled: {e.GetType().Name}: {e.Message}");
}
