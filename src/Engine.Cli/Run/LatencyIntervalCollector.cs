using Engine.Metrics;
using Engine.Metrics.Reporting;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// The reader of the engine thread's latency recorder: once per status interval (and once more when the run ends) it
/// takes the interval the recorder hands over (<see cref="StageLatency.SwapInterval"/>), never the histograms being
/// written, and from that one interval feeds the status line's p99, the run's totals (the report and
/// <c>histograms.json</c>) and <c>latency.hlog</c>.
/// </summary>
/// <remarks>
/// <c>latency.hlog</c> holds the same values as the totals: the intervals from the one in which the warm-up ended
/// (that interval holds only what came after it). A run that never finishes its warm-up reports everything, and its log
/// then holds one interval per stage spanning the whole run, written at the end.
/// </remarks>
public sealed class LatencyIntervalCollector : IDisposable
{
    /// <summary>The interval log's file name in the run directory.</summary>
    public const string LogFileName = "latency.hlog";

    private static readonly Stage[] Stages = Enum.GetValues<Stage>(); // one array, not one per interval

    private readonly StageLatency _source;
    private readonly IntervalLogWriter _log;
    private readonly Lock _gate = new();
    private readonly DateTime _startUtc;
    private bool _warm;
    private long _lastP99Nanos = -1;

    /// <param name="source">The engine's recorder.</param>
    /// <param name="logPath">Where to write the interval log.</param>
    /// <param name="expectWarmup">True when the engine restarts its latency after a warm-up (<c>Runtime:WarmupEvents</c> &gt; 0).</param>
    public LatencyIntervalCollector(StageLatency source, string logPath, bool expectWarmup)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _startUtc = DateTime.UtcNow;
        _log = new IntervalLogWriter(logPath, _startUtc);
        _warm = !expectWarmup;
    }

    /// <summary>The run's latency after warm-up, the sum of every interval collected so far.</summary>
    public LatencyTotals Totals { get; } = new();

    /// <summary>End-to-end p99 of the last interval collected, in ns; -1 before the first or when it timed nothing.</summary>
    public long LastIntervalP99Nanos => Volatile.Read(ref _lastP99Nanos);

    /// <summary>Number of intervals collected.</summary>
    public int Intervals { get; private set; }

    /// <summary>Ends the current interval and takes it in. Status thread, then once at the end of the run.</summary>
    public void Collect()
    {
        lock (_gate)
        {
            LatencyInterval interval = _source.SwapInterval();
            Intervals++;
            Histogram endToEnd = interval[Stage.ReceivedToDone];
            Volatile.Write(ref _lastP99Nanos, endToEnd.TotalCount > 0 ? endToEnd.ValueAtPercentile(99) : -1);
            Totals.Add(interval);
            _warm |= interval.RestartedAfterWarmup;
            if (_warm)
            {
                foreach (Stage stage in Stages)
                {
                    Append(stage, interval[stage], interval.StartUtc, interval.EndUtc);
                }
            }
        }
    }

    /// <summary>Takes the last interval in and closes the log. Call once the engine thread has stopped.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            Collect();
            if (!_warm)
            {
                DateTime end = DateTime.UtcNow;
                foreach (Stage stage in Stages)
                {
                    Append(stage, Totals[stage], _startUtc, end);
                }
            }

            CloseLog();
        }
    }

    /// <summary>Why latency.hlog stopped being written (disk full, ...); null while it is written. The totals stay whole.</summary>
    public string? LogError { get; private set; }

    public void Dispose() => CloseLog();

    // A log that cannot be written (a full disk) stops being written; it must not take the status thread or the run
    // with it: the totals, which the report is made of, are in memory.
    private void Append(Stage stage, Histogram histogram, DateTime startUtc, DateTime endUtc)
    {
        if (LogError is not null)
        {
            return;
        }

        try
        {
            _log.Append(StageLatency.NameOf(stage), histogram, startUtc, endUtc);
        }
        catch (IOException e)
        {
            LogError = $"{LogFileName}: {e.Message}";
        }
    }

    private void CloseLog()
    {
        try
        {
            _log.Dispose();
        }
        catch (IOException e)
        {
            LogError ??= $"{LogFileName}: {e.Message}";
        }
    }
}
