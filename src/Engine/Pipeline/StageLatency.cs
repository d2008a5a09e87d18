using System.Runtime.CompilerServices;
using Engine.Metrics;
using Engine.Timing;

namespace Engine.Pipeline;

/// <summary>
/// Per-stage and end-to-end latency histograms of the engine thread, in nanoseconds (1 ns to 1 min, 3 digits).
/// Values are recorded as measured (completion − start); there is no expected-interval correction here: the latency
/// program paces its injector and measures from each event's intended start instead. Engine thread only.
/// </summary>
public sealed class StageLatency
{
    public const int StageCount = (int)Stage.SignalToOrder + 1;
    private const long HighestNanos = 60L * 1_000_000_000;

    private readonly Histogram[] _histograms = new Histogram[StageCount];

    public StageLatency()
    {
        for (int i = 0; i < _histograms.Length; i++)
        {
            _histograms[i] = new Histogram(1, HighestNanos, 3);
        }
    }

    public Histogram this[Stage stage] => _histograms[(int)stage];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(Stage stage, long startTimestamp, long endTimestamp)
    {
        long nanos = EngineClock.ElapsedNanos(startTimestamp, endTimestamp);
        _histograms[(int)stage].RecordValue(nanos < 1 ? 1 : nanos);
    }

    public void Reset()
    {
        foreach (Histogram h in _histograms)
        {
            h.Reset();
        }
    }

    public static string NameOf(Stage stage) => stage switch
    {
        Stage.Queue => "queue",
        Stage.Venue => "venue",
        Stage.Aggregation => "aggregation",
        Stage.VolumeBars => "volume-bars",
        Stage.Indicators => "indicators",
        Stage.Signal => "signal",
        Stage.Risk => "risk",
        Stage.Oms => "oms",
        Stage.EndToEnd => "end-to-end",
        Stage.SignalToOrder => "signal-to-order",
        _ => "unknown",
    };
}
