using Spectre.Console;

namespace Engine.Cli.Status;

/// <summary>
/// Shows progress while a run goes: a Spectre.Console progress bar with rate and ETA on a terminal, plain timestamped
/// status lines every interval otherwise (CI logs, systemd, pipes). Runs on its own thread; reads snapshots only.
/// Every interval, in either mode, it first calls the interval action (the run takes the latency recorder's interval
/// histograms there), so the snapshot's latency describes that finished interval, never histograms being written.
/// </summary>
public sealed class StatusReporter : IDisposable
{
    private readonly Func<StatusSnapshot> _read;
    private readonly Action? _onInterval;
    private readonly TimeSpan _interval;
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly CancellationTokenSource _stop = new();
    private readonly char[] _line = new char[StatusLine.MaxLength];
    private Thread? _thread;
    private long _lastLineEvents;
    private DateTimeOffset _lastLineTime = DateTimeOffset.UtcNow;

    public StatusReporter(Func<StatusSnapshot> read, TimeSpan interval, TextWriter output, bool interactive, Action? onInterval = null)
    {
        _read = read;
        _onInterval = onInterval;
        _interval = interval;
        _output = output;
        _interactive = interactive;
    }

    /// <summary>True when stdout is a terminal a person watches.</summary>
    public static bool IsInteractiveConsole => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public void Start()
    {
        _thread = new Thread(_interactive ? RunProgressBar : RunPlainLines) { IsBackground = true, Name = "engine-status" };
        _thread.Start();
    }

    /// <summary>
    /// Stops the status thread. In plain mode it then writes one last line, after the run: its figures are the run's
    /// final ones, the same as the summary's.
    /// </summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        if (_thread is not null && !_interactive)
        {
            WriteStatusLine();
        }

        _stop.Dispose();
    }

    private void RunPlainLines()
    {
        _lastLineEvents = 0;
        _lastLineTime = DateTimeOffset.UtcNow;
        while (!_stop.Token.WaitHandle.WaitOne(_interval))
        {
            WritePlainLine();
        }
    }

    /// <summary>
    /// One interval of plain mode: the interval action, then one status line written from the reused buffer. Allocates
    /// nothing once warm (<c>StatusReporterAllocationTests</c>): a long run's status thread leaves no garbage.
    /// </summary>
    internal void WritePlainLine()
    {
        _onInterval?.Invoke();
        WriteStatusLine();
    }

    /// <summary>One status line from the reused buffer (the last one, after the run, takes no latency interval).</summary>
    private void WriteStatusLine()
    {
        StatusSnapshot s = WithProcessFigures(_read());
        DateTimeOffset now = DateTimeOffset.UtcNow;
        double rate = (s.Events - _lastLineEvents) / Math.Max(1e-9, (now - _lastLineTime).TotalSeconds);
        if (StatusLine.TryFormat(_line, out int length, now, s, rate))
        {
            _output.Write(_line.AsSpan(0, length));
            _output.WriteLine();
            _output.Flush();
        }

        _lastLineEvents = s.Events;
        _lastLineTime = now;
    }

    /// <summary>
    /// GC collections per generation and the managed heap size: counters the runtime keeps anyway, read without
    /// allocating, so a long run's log shows whether memory stays flat and collections stop after warm-up
    /// (bench/soak/run.sh reads them).
    /// </summary>
    private static StatusSnapshot WithProcessFigures(StatusSnapshot s) => s with
    {
        Gen0Collections = GC.CollectionCount(0),
        Gen1Collections = GC.CollectionCount(1),
        Gen2Collections = GC.CollectionCount(2),
        HeapBytes = GC.GetTotalMemory(forceFullCollection: false),
    };

    private void RunProgressBar()
    {
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask("replay", maxValue: 1000);
                long lastEvents = 0;
                DateTimeOffset last = DateTimeOffset.UtcNow;
                DateTimeOffset nextInterval = last + _interval;
                while (!_stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250)))
                {
                    DateTimeOffset now = DateTimeOffset.UtcNow;
                    if (now >= nextInterval)
                    {
                        _onInterval?.Invoke();
                        nextInterval += _interval;
                    }

                    StatusSnapshot s = _read();
                    double rate = (s.Events - lastEvents) / Math.Max(1e-9, (now - last).TotalSeconds);
                    task.Description = Markup.Escape($"{s.Events:N0} ev {rate / 1e6:F2}M/s sig {s.Signals} ord {s.Orders} fills {s.Fills} net {s.NetPnl:F2} p99 {StatusLine.FormatNanos(s.P99Nanos)}");
                    if (s.Progress >= 0)
                    {
                        task.Value = s.Progress * 1000;
                    }

                    lastEvents = s.Events;
                    last = now;
                }

                task.Value = task.MaxValue;
            });
    }
}
