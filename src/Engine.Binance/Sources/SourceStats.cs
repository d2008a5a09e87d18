namespace Engine.Binance.Sources;

/// <summary>
/// Counters of one <see cref="IEventSource"/>: lines read, events produced, lines skipped as not ours (headers,
/// other event types), and malformed lines by reason with the number of the last one. Written by the reading thread.
/// </summary>
public sealed class SourceStats
{
    private readonly long[] _failures = new long[(int)LineFailure.UnknownLayout + 1];

    public long Lines { get; internal set; }

    public long Events { get; internal set; }

    /// <summary>Lines that were valid but carry no event for the engine (headers, depth updates, snapshots).</summary>
    public long Skipped { get; internal set; }

    public long Malformed { get; private set; }

    public LineFailure LastFailure { get; private set; }

    /// <summary>1-based line number of the last malformed line, 0 when none.</summary>
    public long LastFailureLine { get; private set; }

    public long Count(LineFailure failure) => _failures[(int)failure];

    internal void Fail(LineFailure failure, long lineNumber)
    {
        _failures[(int)failure]++;
        Malformed++;
        LastFailure = failure;
        LastFailureLine = lineNumber;
    }
}
