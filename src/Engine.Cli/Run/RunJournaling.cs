using System.Globalization;
using Engine.Cli.Configuration;
using Engine.Cli.EventLog.Snapshots;
using Engine.Cli.Journal;
using Engine.EventLog;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// A paper or live run's restart safety (docs/restart.md), one object the command holds: the event journal
/// (<see cref="Writer"/>, the pipeline's input consumer), the snapshot thread (a replica that follows the durable
/// journal), the resume (<see cref="Open"/> with <c>resume: true</c>: the latest valid snapshot + the journal's tail
/// for the state, the run's outputs rewritten from the journal so they hold every row once) and the clean-stop marker.
/// <para>Use: <c>Open</c> before the pipeline is built; <see cref="LoadInto"/> the pipeline's engine; pass
/// <see cref="Writer"/> as <c>PipelineAttachments.InputConsumer</c>; <see cref="RewriteOutputs"/> into the run's
/// <see cref="RunJournal"/> before the pipeline runs (a resume only); <see cref="StartSnapshots"/>; run;
/// <see cref="Finish"/> after the pipeline returned (the clean-stop snapshot of the engine itself and the marker).</para>
/// </summary>
public sealed partial class RunJournaling : IDisposable
{
    /// <summary>The clean-stop marker in the run directory: written last by a run that stopped cleanly, removed by a resume.</summary>
    public const string StopMarkerFileName = "events.stopped";

    private readonly string _directory;
    private readonly EngineFactory _fresh;
    private readonly EventJournalSettings _settings;
    private readonly byte[] _fingerprint;
    private readonly SymbolRegistry _registry;
    private readonly SnapshotTaker _taker;
    private readonly TradingEngine<DiscardingOutputSink> _replica;
    private readonly List<string> _notes;
    private byte[]? _restoredState;
    private CancellationTokenSource? _snapshotStop;
    private Thread? _snapshotThread;

    private RunJournaling(string directory, PipelineOptions options, EventJournalSettings settings, EngineFactory fresh,
        EventJournalWriter writer, TradingEngine<DiscardingOutputSink> replica, long position, byte[]? restoredState, IReadOnlyList<string> notes)
    {
        _directory = directory;
        _settings = settings;
        _fresh = fresh;
        _fingerprint = EngineSnapshot.FingerprintOf(fresh.Build(new DiscardingOutputSink()));
        _registry = new SymbolRegistry(options.Symbols.Select(s => s.Name));
        Writer = writer;
        _replica = replica;
        _restoredState = restoredState;
        StartPosition = position;
        _notes = [.. notes];
        _taker = new SnapshotTaker(replica, _fingerprint, directory, _registry, position, settings.SnapshotsKept);
    }

    /// <summary>The event journal: the pipeline's <c>PipelineAttachments.InputConsumer</c> (and the gateway's <see cref="IDurableInput"/>).</summary>
    public EventJournalWriter Writer { get; }

    /// <summary>True when the run continues an earlier one's journal.</summary>
    public bool Resumed => _restoredState is not null;

    /// <summary>Journal records before this session: 0 for a new run, the restored position for a resume.</summary>
    public long StartPosition { get; }

    /// <summary>What the operator should read (the resume's findings, snapshot failures): one line each, for the report.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Snapshots this session wrote (the clean-stop one included).</summary>
    public long SnapshotsTaken => _taker.Taken + (StopSnapshotWritten ? 1 : 0);

    private bool StopSnapshotWritten { get; set; }

    /// <summary>
    /// Opens the journal of a new run in <paramref name="directory"/> (<paramref name="resume"/> false, or true on a
    /// directory without a journal yet: the first start of a supervised run), or continues the one there: the journal
    /// checked and a torn or corrupt tail truncated, the state rebuilt (latest valid snapshot + tail), the clean-stop
    /// marker read and removed. <paramref name="fresh"/> builds an engine of the run's configuration, warm-started as the
    /// run is. Throws <see cref="OutputException"/> when the journal cannot be created or
    /// opened, <see cref="ConfigurationException"/> when the journal is not this run's (other symbols, a damaged header).
    /// </summary>
    public static RunJournaling Open(string directory, PipelineOptions options, EventJournalSettings settings, bool resume, EngineFactory fresh)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(fresh);
        string path = Path.Combine(directory, EventJournal.FileName);
        string[] symbols = [.. options.Symbols.Select(s => s.Name)];
        try
        {
            if (!resume || !File.Exists(path))
            {
                var writer = EventJournalWriter.Create(path, symbols, settings.ToOptions());
                return new RunJournaling(directory, options, settings, fresh, writer, fresh.Build(new DiscardingOutputSink()), 0, null, []);
            }

            return Continue(directory, options, settings, fresh, path, symbols);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"{path}: cannot {(resume ? "open" : "create")} the event journal: {e.Message}", e);
        }
    }

    /// <summary>Loads the restored state into the pipeline's engine (a resume; nothing for a new run). Before the pipeline runs.</summary>
    public void LoadInto<TOut>(TradingEngine<TOut> engine)
        where TOut : struct, IOutputSink
    {
        if (_restoredState is not null)
        {
            EngineSnapshot.Load(engine, _restoredState);
        }
    }

    /// <summary>Starts the snapshot thread (<c>EventJournal:SnapshotIntervalSeconds</c>; 0: none).</summary>
    public void StartSnapshots()
    {
        if (_settings.SnapshotIntervalSeconds <= 0 || _snapshotThread is not null)
        {
            return;
        }

        _snapshotStop = new CancellationTokenSource();
        CancellationToken token = _snapshotStop.Token;
        _snapshotThread = new Thread(() => _taker.Run(() => Writer.DurablePosition, TimeSpan.FromSeconds(_settings.SnapshotIntervalSeconds), token))
        {
            Name = "engine-snapshots",
            IsBackground = true,
        };
        _snapshotThread.Start();
    }

    /// <summary>
    /// After the pipeline returned (its engine and the journal are past every input): stops the snapshot thread, closes
    /// the journal (its last commit), writes a snapshot of <paramref name="engine"/> itself at the journal's end and then
    /// the clean-stop marker naming that position. Returns lines for the report (journal failure, snapshot failures).
    /// </summary>
    public IReadOnlyList<string> Finish<TOut>(TradingEngine<TOut> engine, string stopReason)
        where TOut : struct, IOutputSink
    {
        ArgumentNullException.ThrowIfNull(engine);
        StopSnapshots();
        Writer.Dispose();
        var lines = new List<string>();
        if (Writer.Failure is not null)
        {
            lines.Add($"event journal: {Writer.Failure}; {Writer.NotWritten} events after it not written; no clean-stop marker (a resume checks the journal)");
            return lines;
        }

        if (_taker.LastError is not null)
        {
            lines.Add($"snapshots: {_taker.LastError}");
        }

        long end = Writer.NextPosition;
        try
        {
            new EngineSnapshot(end, _fingerprint, EngineSnapshot.StateOf(engine)).WriteTo(Path.Combine(_directory, EngineSnapshot.FileNameOf(end)));
            StopSnapshotWritten = true;
            StopMarker.Write(_directory, end, stopReason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lines.Add($"clean stop at journal position {end}: not recorded ({e.Message}); a resume checks the journal and plays it from the last snapshot");
        }

        return lines;
    }

    public void Dispose()
    {
        StopSnapshots();
        _taker.Dispose();
        Writer.Dispose();
    }

    private void StopSnapshots()
    {
        if (_snapshotThread is null)
        {
            return;
        }

        _snapshotStop!.Cancel();
        _snapshotThread.Join();
        _snapshotThread = null;
        _snapshotStop.Dispose();
    }

    private static string Positions(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
