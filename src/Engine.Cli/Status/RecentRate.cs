using System.Diagnostics;

namespace Engine.Cli.Status;

/// <summary>
/// A counter's rate over the time since the previous reading (the status line's <c>feed=…/s</c>: frames in the last
/// status interval, not an average since the start, which would hide a feed that has just gone quiet). One reader thread.
/// </summary>
public sealed class RecentRate
{
    private long _lastCount = -1;
    private long _lastTicks;

    /// <summary>Per second since the previous call; the first call gives the rate since <paramref name="startTicks"/>.</summary>
    public double PerSecond(long count, long nowTicks, long startTicks)
    {
        long fromCount = _lastCount < 0 ? 0 : _lastCount;
        long fromTicks = _lastCount < 0 ? startTicks : _lastTicks;
        _lastCount = count;
        _lastTicks = nowTicks;
        double seconds = (nowTicks - fromTicks) / (double)Stopwatch.Frequency;
        return seconds <= 0 ? 0 : Math.Max(0, count - fromCount) / seconds;
    }
}
